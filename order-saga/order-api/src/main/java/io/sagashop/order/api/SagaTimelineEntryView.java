package io.sagashop.order.api;

import java.time.Instant;

/**
 * One thing that happened to a saga.
 *
 * @param at          when
 * @param kind        what kind of entry
 * @param messageName the event, command or deadline name (simple class name for messages)
 * @param service     the service that produced it (e.g. catalog, payment, order-saga)
 * @param detail      more, in words (ids, amounts, error message), or {@code null}
 *
 * @deprecated No longer answered by the order service: saga inspection is the domain-free protocol of
 * {@code io.sagashop.inspection.api} (saga-inspection/README.md) and the audit its consistency report.
 * Kept only because the hub's tests still compile against it; delete once they no longer do (issue 17).
 */
@Deprecated(forRemoval = true)
public record SagaTimelineEntryView(Instant at, SagaTimelineEntryKind kind, String messageName, String service, String detail) {
}
