package io.sagashop.order.saga;

import io.sagashop.order.api.SagaState;
import io.sagashop.order.api.SagaTimelineEntryKind;
import java.time.Instant;

/**
 * What the saga writes for the dashboard: a summary row per saga and its timeline. Called from
 * the saga's handlers, so the writes join the handling's transaction; command callbacks append
 * a failed command's entry (outside it). The JDBC implementation is {@link JdbcSagaJournal}.
 */
interface SagaJournal {

    /** A saga started for an order; {@code orderDeadline} may be {@code null}. */
    void started(String sagaId, String orderId, Instant at, Instant orderDeadline);

    /** One timeline entry. */
    void record(String sagaId, Instant at, SagaTimelineEntryKind kind, String messageName, String service, String detail);

    /** The saga handled something: its current step and last activity. */
    void progressed(String sagaId, String step, Instant at);

    /** A deadline was scheduled. */
    void deadlineSet(String sagaId, String deadlineName, String deadlineId, Instant dueAt);

    /** One deadline fired or was cancelled. */
    void deadlineGone(String sagaId, String deadlineId);

    /** The deadlines of this name due at or before {@code dueAt} fired or were cancelled. */
    void deadlinesGone(String sagaId, String deadlineName, Instant dueAt);

    /** The saga ended in the given state; its pending deadlines are gone. */
    void ended(String sagaId, SagaState state, Instant at);
}
