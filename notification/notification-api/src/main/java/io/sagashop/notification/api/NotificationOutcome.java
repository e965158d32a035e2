package io.sagashop.notification.api;

/** The order outcome a notification tells the customer about; one per final order event. */
public enum NotificationOutcome {
    /** {@code OrderConfirmed}: paid, stock sold. */
    CONFIRMED,
    /** {@code OrderRejected}: with the reason. */
    REJECTED,
    /** {@code OrderCancelled}: nothing kept. */
    CANCELLED,
    /** {@code OrderRefunded}: the money was given back. */
    REFUNDED
}
