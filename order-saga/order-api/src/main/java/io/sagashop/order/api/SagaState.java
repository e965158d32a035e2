package io.sagashop.order.api;

/** Where an order saga stands, as the dashboard shows it. */
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
