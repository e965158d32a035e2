package io.sagashop.order.saga;

import io.sagashop.order.api.SagaState;
import io.sagashop.order.api.SagaTimelineEntryKind;
import java.time.Instant;

/**
 * What the sagas write for the dashboard: a summary row per saga and its timeline. Written by
 * the saga engine ({@link StepSaga}) and {@link SagaCommands} only, never by a saga's handlers;
 * the engine's writes join the handling's transaction, a command callback appends a failed
 * command's entry (outside it). The JDBC implementation is {@link JdbcSagaJournal}.
 */
interface SagaJournal {

    /** A saga started for an order; {@code orderDeadline} may be {@code null}. */
    void started(String sagaId, String orderId, Instant at, Instant orderDeadline);

    /**
     * Whether another saga than {@code sagaId} was journalled for the order: an {@code OrderPlaced}
     * that meets one was handled already (delivered again after its saga ended).
     */
    boolean otherSagaFor(String orderId, String sagaId);

    /** Whether a saga of the order is active: a cancellation before confirmation is then that saga's. */
    boolean activeSagaFor(String orderId);

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
