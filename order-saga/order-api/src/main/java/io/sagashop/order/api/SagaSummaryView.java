package io.sagashop.order.api;

import java.time.Instant;
import java.util.List;

/**
 * One order saga at a glance.
 *
 * @param sagaId           the saga's id in the saga store
 * @param orderId          the order it coordinates
 * @param state            active, completed, compensated, stuck or ended by an operator
 * @param currentStep      the step it is at (e.g. RESERVING_STOCK, AWAITING_PAYMENT, COMPENSATING, DONE)
 * @param startedAt        when it started
 * @param lastActivityAt   when it last handled something
 * @param orderDeadline    when the order deadline fires
 * @param pendingDeadlines its scheduled deadlines
 * @param associations     the values it is associated with
 *
 * @deprecated No longer answered by the order service: saga inspection is the domain-free protocol of
 * {@code io.sagashop.inspection.api} (saga-inspection/README.md) and the audit its consistency report.
 * Kept only because the hub's tests still compile against it; delete once they no longer do (issue 17).
 */
@Deprecated(forRemoval = true)
public record SagaSummaryView(String sagaId, OrderId orderId, SagaState state, String currentStep, Instant startedAt,
                              Instant lastActivityAt, Instant orderDeadline, List<PendingDeadlineView> pendingDeadlines,
                              List<SagaAssociationView> associations) {

    public SagaSummaryView {
        pendingDeadlines = List.copyOf(pendingDeadlines);
        associations = List.copyOf(associations);
    }
}
