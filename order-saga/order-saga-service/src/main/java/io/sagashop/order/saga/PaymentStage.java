package io.sagashop.order.saga;

/** The order's payment as far as the saga knows (what it asked for is kept in separate flags). */
enum PaymentStage {
    /** Not requested yet. */
    NONE,
    /** RequestPayment sent; no outcome yet. */
    REQUESTED,
    /** The money was taken. */
    CAPTURED,
    /** The gateway refused; no money taken. */
    DECLINED,
    /** Cancelled before any money was taken. */
    VOIDED,
    /** The money was given back. */
    REFUNDED
}
