package io.sagashop.notification.delivery;

import io.sagashop.notification.api.NotificationChannel;
import io.sagashop.notification.api.NotificationOutcome;

/** What is sent at most once: one outcome of one order on one channel. */
record DeliveryKey(String orderId, NotificationOutcome outcome, NotificationChannel channel) {

    @Override
    public String toString() {
        return orderId + "/" + outcome + "/" + channel;
    }
}
