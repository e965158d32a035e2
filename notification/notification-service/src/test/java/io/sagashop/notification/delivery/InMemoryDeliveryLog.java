package io.sagashop.notification.delivery;

import io.sagashop.notification.api.DeliveryStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link DeliveryLog} in a map, for unit tests; the same rules as the table's unique key. */
class InMemoryDeliveryLog implements DeliveryLog {

    record Row(String recipient, DeliveryStatus status, int attempts, String error) {
    }

    final Map<DeliveryKey, Row> rows = new ConcurrentHashMap<>();

    @Override
    public DeliveryStatus open(DeliveryKey key, String customerId, String recipient) {
        return rows.computeIfAbsent(key, k -> new Row(recipient, DeliveryStatus.PENDING, 0, null)).status();
    }

    @Override
    public void sent(DeliveryKey key, String recipient, int attempts) {
        rows.computeIfPresent(key, (k, row) -> new Row(recipient, DeliveryStatus.SENT, row.attempts() + attempts, null));
    }

    @Override
    public void failed(DeliveryKey key, int attempts, String error) {
        rows.computeIfPresent(key, (k, row) -> new Row(row.recipient(), DeliveryStatus.FAILED, row.attempts() + attempts, error));
    }
}
