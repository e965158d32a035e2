package io.sagashop.inspection.api;

import java.time.Instant;

/**
 * One thing that happened to a saga.
 *
 * @param at          when
 * @param kind        what kind of entry
 * @param messageName the event, command or deadline name (simple class name for messages)
 * @param service     the application that produced it
 * @param detail      more, in words (ids, amounts, error message), or {@code null}
 */
public record SagaTimelineEntryView(Instant at, SagaTimelineEntryKind kind, String messageName, String service,
                                    String detail) {
}
