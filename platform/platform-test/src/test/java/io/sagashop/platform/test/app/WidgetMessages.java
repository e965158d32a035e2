package io.sagashop.platform.test.app;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

final class WidgetMessages {
    private WidgetMessages() {
    }

    record CreateWidget(@TargetAggregateIdentifier String widgetId, String name, int quantity) {
    }

    record RenameWidget(@TargetAggregateIdentifier String widgetId, String name) {
    }

    /** Nobody handles this one. */
    record PolishWidget(@TargetAggregateIdentifier String widgetId) {
    }

    /** Answered with the name of the thread that handled it. */
    record AnsweringThread() {
    }

    record WidgetCreated(String widgetId, String name, int quantity) {
    }

    record WidgetRenamed(String widgetId, String name) {
    }
}
