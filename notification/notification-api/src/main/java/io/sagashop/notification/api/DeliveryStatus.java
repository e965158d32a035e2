package io.sagashop.notification.api;

/** Where one notification (order, outcome, channel) stands. */
public enum DeliveryStatus {
    /** Recorded, and being sent (or the service stopped while sending: it is sent again on replay). */
    PENDING,
    /** Handed to the SMTP server or the SMS provider. */
    SENT,
    /** Every attempt failed; the event waits in the dead-letter queue until it is retried. */
    FAILED
}
