package io.sagashop.order.api;

import java.time.Instant;

/**
 * Asks for order sagas, most recently active first. Answered with a {@link SagaListView}.
 *
 * @param state     only sagas in this state (STUCK is derived), or {@code null} for all
 * @param olderThan only sagas started before this instant, or {@code null}
 * @param limit     at most this many, 1 to 1000
 */
public record FindSagasQuery(SagaState state, Instant olderThan, int limit) {
}
