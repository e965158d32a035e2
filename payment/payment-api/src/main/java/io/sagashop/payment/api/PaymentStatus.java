package io.sagashop.payment.api;

/** Where a payment stands; also the answer of every payment command. */
public enum PaymentStatus {
    /** Requested; the gateway has not answered yet. */
    REQUESTED,
    /** The money was taken. */
    CAPTURED,
    /** The gateway refused the charge; no money was taken. */
    DECLINED,
    /** Cancelled before any capture; no money was taken. */
    VOIDED,
    /** Captured, and a refund is on its way through the gateway. */
    REFUND_PENDING,
    /** Captured and refunded in full; net money taken is zero. */
    REFUNDED
}
