package io.sagashop.platform.test.app;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.sagashop.platform.DomainError;
import io.sagashop.platform.test.app.WidgetMessages.CreateWidget;
import io.sagashop.platform.test.app.WidgetMessages.RenameWidget;
import io.sagashop.platform.test.app.WidgetMessages.WidgetCreated;
import io.sagashop.platform.test.app.WidgetMessages.WidgetRenamed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

@Aggregate
class Widget {

    @AggregateIdentifier
    private String widgetId;
    private String name;

    Widget() {
    }

    @CommandHandler
    Widget(CreateWidget command) {
        apply(new WidgetCreated(command.widgetId(), command.name(), command.quantity()));
    }

    @CommandHandler
    void handle(RenameWidget command) {
        if (command.name().equals(name)) {
            throw DomainError.conflict("same-name", "name", "The widget already has this name").exception();
        }
        if (command.name().startsWith("!")) {
            throw DomainError.invalid("bad-name", "name", "A name may not start with '!'").exception();
        }
        apply(new WidgetRenamed(widgetId, command.name()));
    }

    @EventSourcingHandler
    void on(WidgetCreated event) {
        widgetId = event.widgetId();
        name = event.name();
    }

    @EventSourcingHandler
    void on(WidgetRenamed event) {
        name = event.name();
    }
}
