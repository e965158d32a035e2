package io.sagashop.inspection.api;

/** What an operator can ask of a saga. */
public enum SagaAction {
    /** Send the current step's commands again now. */
    RETRY,
    /** Give up: undo what was done and end as compensated. */
    COMPENSATE,
    /** End the saga without further steps (the last resort for a saga that cannot make progress). */
    END
}
