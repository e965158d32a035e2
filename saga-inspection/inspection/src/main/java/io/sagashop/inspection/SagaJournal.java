package io.sagashop.inspection;

import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import java.time.Instant;

/**
 * What an application's saga code writes for inspection: a row per saga, its timeline and its
 * pending deadlines. Call it from the saga's handlers (or the engine they run on): the JDBC
 * implementation ({@link JdbcSagaJournal}) writes on the application's data source, so a write
 * joins the transaction of the handling's unit of work, and a handling that is rolled back
 * leaves no rows. A write from outside a transaction (a command callback) commits alone.
 */
public interface SagaJournal {

    /** The step a saga is at once {@link #ended}. */
    String DONE = "DONE";

    /**
     * A saga started (again for the same id: only its last activity moves).
     *
     * @param sagaType the saga's type, as answered in {@code FindSagaTypesQuery}
     * @param sagaId   its id in the saga store
     * @param key      the business key it was started for (e.g. an aggregate id)
     * @param at       when
     * @param dueAt    when it must be over as a whole (its overall deadline), or {@code null}
     */
    void started(String sagaType, String sagaId, String key, Instant at, Instant dueAt);

    /**
     * Whether another saga than {@code sagaId}, of any type of this application, was journalled
     * for the key: a start event that meets one was handled already (a replay, a redelivery).
     */
    boolean otherSagaFor(String key, String sagaId);

    /** Whether a saga of any type of this application is active for the key. */
    boolean activeSagaFor(String key);

    /** One timeline entry; {@code detail} is cut at 2000 characters. */
    void record(String sagaId, Instant at, SagaTimelineEntryKind kind, String messageName, String service, String detail);

    /** The saga handled something: its current step and last activity (never moved back). */
    void progressed(String sagaId, String step, Instant at);

    /** A deadline was scheduled. */
    void deadlineSet(String sagaId, String deadlineName, String deadlineId, Instant dueAt);

    /** One deadline fired or was cancelled. */
    void deadlineGone(String sagaId, String deadlineId);

    /** The deadlines of this name due at or before {@code dueAt} fired or were cancelled. */
    void deadlinesGone(String sagaId, String deadlineName, Instant dueAt);

    /**
     * The saga ended in the given state (not {@link SagaState#ACTIVE} or {@link SagaState#STUCK}):
     * its step becomes {@link #DONE} and its pending deadlines are gone. A saga ends once: ending
     * one that has ended already changes nothing.
     */
    void ended(String sagaType, String sagaId, SagaState state, Instant at);
}
