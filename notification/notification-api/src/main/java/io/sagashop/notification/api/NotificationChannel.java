package io.sagashop.notification.api;

/** How a customer is notified. */
public enum NotificationChannel {
    /** An e-mail over SMTP. */
    EMAIL,
    /** A text message through the configured SMS provider. */
    SMS
}
