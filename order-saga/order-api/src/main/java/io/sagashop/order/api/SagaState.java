package io.sagashop.order.api;

/** Where an order saga stands, as the dashboard shows it. *
 * @deprecated No longer answered by the order service: saga inspection is the domain-free protocol of
 * {@code io.sagashop.inspection.api} (saga-inspection/README.md) and the audit its consistency report.
 * Kept only because the hub's tests still compile against it; delete once they no longer do (issue 17).
 */
@Deprecated(forRemoval = true)
public enum SagaState {
    /** Running and making progress. */
    ACTIVE,
    /** Ended with the order confirmed (or cancelled at its customer's request). */
    COMPLETED,
    /** Ended after compensating: the order was rejected. */
    COMPENSATED,
    /**
     * Still running but without progress for longer than the stuck threshold, or past its order
     * deadline. Derived when asked, never stored.
     */
    STUCK,
    /** Ended by an operator. */
    ENDED_BY_OPERATOR
}
