package io.sagashop.order.api;

/** What kind of thing a saga timeline entry records. *
 * @deprecated No longer answered by the order service: saga inspection is the domain-free protocol of
 * {@code io.sagashop.inspection.api} (saga-inspection/README.md) and the audit its consistency report.
 * Kept only because the hub's tests still compile against it; delete once they no longer do (issue 17).
 */
@Deprecated(forRemoval = true)
public enum SagaTimelineEntryKind {
    /** An event the saga handled. */
    EVENT_RECEIVED,
    /** A command the saga sent. */
    COMMAND_SENT,
    /** A command the saga sent that failed (not delivered, or refused). */
    COMMAND_FAILED,
    /** A deadline the saga scheduled. */
    DEADLINE_SET,
    /** A deadline that fired. */
    DEADLINE_FIRED,
    /** A deadline the saga cancelled. */
    DEADLINE_CANCELLED,
    /** The saga tries a step again after a failure. */
    RETRY,
    /** The saga starts undoing what was done. */
    COMPENSATION,
    /** The saga's step changed. */
    STEP_CHANGED,
    /** An operator action from the dashboard. */
    OPERATOR_ACTION,
    /** The saga ended. */
    ENDED
}
