package io.sagashop.notification.api;

import java.time.Instant;

/**
 * One notification: what was (or is being) sent to whom about which order outcome.
 *
 * @param orderId    the order
 * @param customerId the customer (user id)
 * @param outcome    the order outcome it tells about
 * @param channel    e-mail or SMS
 * @param recipient  the e-mail address or phone number
 * @param status     pending, sent or failed
 * @param attempts   how many times sending was tried
 * @param lastError  why the last attempt failed, or {@code null}
 * @param createdAt  when the notification was first recorded
 * @param sentAt     when it was handed over, or {@code null}
 */
public record NotificationView(String orderId, String customerId, NotificationOutcome outcome,
                               NotificationChannel channel, String recipient, DeliveryStatus status, int attempts,
                               String lastError, Instant createdAt, Instant sentAt) {
}
