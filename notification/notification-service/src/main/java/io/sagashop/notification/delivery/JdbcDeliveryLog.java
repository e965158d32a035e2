package io.sagashop.notification.delivery;

import io.sagashop.notification.api.DeliveryStatus;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link DeliveryLog} on table {@code delivery}. Every write runs in a new transaction of its own
 * (not the event processor's), so a PENDING row is committed before the mail leaves and a SENT
 * row right after: a crash can lose neither. The unique key (order_id, outcome, channel) makes a
 * second {@code open} of the same notification find the first one's row.
 */
@Repository
class JdbcDeliveryLog implements DeliveryLog {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock = Clock.systemUTC();

    JdbcDeliveryLog(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public DeliveryStatus open(DeliveryKey key, String customerId, String recipient) {
        try {
            ownTransaction.executeWithoutResult(tx -> jdbc.update("""
                    INSERT INTO delivery (order_id, outcome, channel, customer_id, recipient, status, attempts, created_at)
                    VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?)""", key.orderId(), key.outcome().name(),
                    key.channel().name(), customerId, recipient, now()));
            return DeliveryStatus.PENDING;
        } catch (DuplicateKeyException alreadyRecorded) {
            return ownTransaction.execute(tx -> DeliveryStatus.valueOf(jdbc.queryForObject(
                    "SELECT status FROM delivery WHERE order_id = ? AND outcome = ? AND channel = ?", String.class,
                    key.orderId(), key.outcome().name(), key.channel().name())));
        }
    }

    @Override
    public void sent(DeliveryKey key, String recipient, int attempts) {
        ownTransaction.executeWithoutResult(tx -> jdbc.update("""
                UPDATE delivery SET status = 'SENT', recipient = ?, attempts = attempts + ?, last_error = NULL, sent_at = ?
                 WHERE order_id = ? AND outcome = ? AND channel = ?""", recipient, attempts, now(),
                key.orderId(), key.outcome().name(), key.channel().name()));
    }

    @Override
    public void failed(DeliveryKey key, int attempts, String error) {
        String shortError = error == null ? null : error.substring(0, Math.min(error.length(), 1000));
        ownTransaction.executeWithoutResult(tx -> jdbc.update("""
                UPDATE delivery SET status = 'FAILED', attempts = attempts + ?, last_error = ?
                 WHERE order_id = ? AND outcome = ? AND channel = ?""", attempts, shortError,
                key.orderId(), key.outcome().name(), key.channel().name()));
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
