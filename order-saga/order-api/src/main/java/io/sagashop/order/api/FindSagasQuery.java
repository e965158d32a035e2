package io.sagashop.order.api;

import java.time.Instant;

/**
 * Asks for order sagas, most recently active first. Answered with a {@link SagaListView}.
 *
 * @param state     only sagas in this state (STUCK is derived), or {@code null} for all
 * @param olderThan only sagas started before this instant, or {@code null}
 * @param limit     at most this many, 1 to 1000
 *
 * @deprecated No longer answered by the order service: saga inspection is the domain-free protocol of
 * {@code io.sagashop.inspection.api} (saga-inspection/README.md) and the audit its consistency report.
 * Kept only because the hub's tests still compile against it; delete once they no longer do (issue 17).
 */
@Deprecated(forRemoval = true)
public record FindSagasQuery(SagaState state, Instant olderThan, int limit) {
}
