package io.sagashop.order.saga;

/**
 * The step an order saga is at; shown as the saga's current step on the dashboard (the names are
 * part of what the hub shows: keep them). Each but DONE is a row of {@link StepTable}.
 */
enum SagaStep {
    /** Placement: ReserveStock sent for every line; waiting for the catalog's answers. */
    RESERVING_STOCK,
    /** Placement: every line reserved, payment requested; waiting for the payment's outcome. */
    AWAITING_PAYMENT,
    /** Placement: payment captured; committing every line and confirming the order. */
    CONFIRMING,
    /** Placement: the order is rejected; releasing stock and cancelling payment. */
    COMPENSATING,
    /** Cancelled before confirmation (placement saga, or the cancellation saga when none runs): give back, then CancelOrder. */
    CANCELLING,
    /** Cancellation saga: a confirmed order is cancelled; refunding and returning stock, then CancelOrder. */
    REFUNDING,
    /** Cancellation saga: a refund it did not ask for; recording it on the order. */
    RECORDING_REFUND,
    /** Ended. */
    DONE
}
