package io.sagashop.inspection.api;

/** Where a saga stands. */
public enum SagaState {
    /** Running and making progress. */
    ACTIVE,
    /** Ended having done what it was started for. */
    COMPLETED,
    /** Ended after compensating: what was done was undone. */
    COMPENSATED,
    /**
     * Still running but without progress for longer than the application's stuck threshold, past
     * its overall deadline, or with no deadline pending. Derived when asked, never stored.
     */
    STUCK,
    /** Ended by an operator. */
    ENDED_BY_OPERATOR
}
