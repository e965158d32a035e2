package io.sagashop.notification.delivery;

import io.sagashop.notification.api.DeliveryStatus;

/**
 * The record of every notification, keyed by {@link DeliveryKey}. Each method commits on its own,
 * independent of the event's unit of work, so that what was sent stays recorded whatever happens
 * to the event afterwards.
 */
interface DeliveryLog {

    /**
     * Records the notification as {@code PENDING} unless it is already recorded, and returns its
     * status: {@code SENT} means it must not be sent again.
     */
    DeliveryStatus open(DeliveryKey key, String customerId, String recipient);

    /** Marks it sent, counting the attempts it took. */
    void sent(DeliveryKey key, String recipient, int attempts);

    /** Marks it failed after {@code attempts} more attempts, with the last error. */
    void failed(DeliveryKey key, int attempts, String error);
}
