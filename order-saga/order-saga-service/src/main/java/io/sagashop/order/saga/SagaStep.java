package io.sagashop.order.saga;

/** The step an order saga is at; shown as the saga's current step on the dashboard. */
enum SagaStep {
    /** ReserveStock sent for every line; waiting for the catalog's answers. */
    RESERVING_STOCK,
    /** Every line reserved, payment requested; waiting for the payment's outcome. */
    AWAITING_PAYMENT,
    /** Payment captured, order confirmed; waiting for the catalog to commit every line. */
    CONFIRMING,
    /** The order is rejected; releasing stock and cancelling payment. */
    COMPENSATING,
    /** The customer cancelled before capture; releasing stock and voiding payment, then CancelOrder. */
    CANCELLING,
    /** The customer cancelled a confirmed order; refunding and returning stock, then CancelOrder. */
    REFUNDING,
    /** A refund arrived for an order whose saga had ended; recording it on the order. */
    RECORDING_REFUND,
    /** Ended. */
    DONE
}
