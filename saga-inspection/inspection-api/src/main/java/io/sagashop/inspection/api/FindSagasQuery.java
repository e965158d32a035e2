package io.sagashop.inspection.api;

import java.time.Instant;

/**
 * Asks for sagas, most recently active first. Answered with a {@link SagaListView} by every
 * application (empty when none of its sagas match).
 *
 * @param sagaType  only sagas of this type, or {@code null} for every type
 * @param state     only sagas in this state ({@link SagaState#STUCK} is derived), or {@code null}
 * @param key       only sagas of this business key (the value a saga was started for, e.g. an
 *                  aggregate id), or {@code null}
 * @param olderThan only sagas started before this instant, or {@code null}
 * @param limit     at most this many per application, 1 to 1000
 */
public record FindSagasQuery(String sagaType, SagaState state, String key, Instant olderThan, int limit) {

    /** The largest {@link #limit()} an application answers. */
    public static final int MAX_LIMIT = 1000;
}
