package io.sagashop.payment.query;

import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethodType;
import io.sagashop.payment.api.PaymentRequested;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentView;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code payment}, in plain SQL. Each event of a payment is one statement: an insert for
 * {@code PaymentRequested}, an update of the columns the event sets for the others, with no read
 * before it and no persistence context to dirty-check. (Through JPA a request was a count, a
 * select and an insert, and every other event a select and an update of all thirteen columns;
 * and this view was the service's only JPA user, so without it the service runs without
 * Hibernate.) Statements run in the caller's transaction (the event processor's unit of work).
 *
 * <p>The updates set the values the event carries, never values computed from what the row holds
 * (an amount added to it, say), so an event applied again writes the same row; an update of a
 * payment without a row changes nothing, as the projection ignored such events before.
 */
@Repository
class PaymentRecords {

    private static final String COLUMNS = "payment_id, order_id, customer_id, amount, currency, method_type, status, "
            + "captured_amount, refunded_amount, gateway, gateway_reference, decline_reason, requested_at, updated_at";

    private final JdbcClient jdbc;

    PaymentRecords(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * The row of a requested payment, unless the payment has one already (the event is replayed or
     * redelivered): then the row stays as it is, whatever happened to the payment since. The
     * duplicate key is the guard, in the same statement, instead of a look-up before the insert.
     * Of the payment method only its type is stored: never its token, brand or last four digits.
     */
    void requested(PaymentRequested event, Instant at) {
        // "payment_id = payment_id" changes nothing. Unlike INSERT IGNORE it turns only the duplicate
        // key into a no-op: a missing (NULL) value still fails the batch instead of being stored as
        // the column's implicit default.
        jdbc.sql("INSERT INTO payment (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE payment_id = payment_id")
                .params(event.paymentId().value(), event.orderId(), event.customerId(), event.amount(),
                        event.currency(), event.method().type().name(), PaymentStatus.REQUESTED.name(),
                        BigDecimal.ZERO, BigDecimal.ZERO, null, null, null, ts(at), ts(at))
                .update();
    }

    void captured(String paymentId, BigDecimal amount, String gateway, String gatewayReference, Instant at) {
        jdbc.sql("UPDATE payment SET status = ?, captured_amount = ?, gateway = ?, gateway_reference = ?, updated_at = ? "
                        + "WHERE payment_id = ?")
                .params(PaymentStatus.CAPTURED.name(), amount, gateway, gatewayReference, ts(at), paymentId)
                .update();
    }

    void declined(String paymentId, String gateway, String reason, Instant at) {
        jdbc.sql("UPDATE payment SET status = ?, gateway = ?, decline_reason = ?, updated_at = ? WHERE payment_id = ?")
                .params(PaymentStatus.DECLINED.name(), gateway, reason, ts(at), paymentId)
                .update();
    }

    /** A change of status alone ({@code VOIDED}, {@code REFUND_PENDING}). */
    void moved(String paymentId, PaymentStatus status, Instant at) {
        jdbc.sql("UPDATE payment SET status = ?, updated_at = ? WHERE payment_id = ?")
                .params(status.name(), ts(at), paymentId)
                .update();
    }

    void refunded(String paymentId, BigDecimal amount, Instant at) {
        jdbc.sql("UPDATE payment SET status = ?, refunded_amount = ?, updated_at = ? WHERE payment_id = ?")
                .params(PaymentStatus.REFUNDED.name(), amount, ts(at), paymentId)
                .update();
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM payment").update();
    }

    Optional<PaymentView> find(String paymentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE payment_id = ?").param(paymentId)
                .query(PaymentRecords::view).optional();
    }

    /**
     * The payments of an order, oldest request first. On InnoDB index {@code payment_order} ends
     * with the primary key, so the tie-break by id costs no sort: it only pins down the order the
     * index gave anyway.
     */
    List<PaymentView> ofOrder(String orderId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE order_id = ? ORDER BY requested_at, payment_id")
                .param(orderId).query(PaymentRecords::view).list();
    }

    /**
     * At most {@code limit} payments, optionally of one status, whose ids come after {@code after}
     * (from the first when {@code null}), in id order. A range of the primary key, or of index
     * {@code payment_status_id} with a status. The first page has no id condition at all rather
     * than a sentinel id to start after: the database's collation, not Java, decides which ids
     * sort first.
     */
    List<PaymentView> page(PaymentStatus status, String after, int limit) {
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            where.add("status = ?");
            params.add(status.name());
        }
        if (after != null) {
            where.add("payment_id > ?");
            params.add(after);
        }
        // The limit as a parameter, not in the text: four statement texts in all, each prepared
        // once per connection on the server (PlatformDefaults), whatever the page size.
        params.add(limit);
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment" + where + " ORDER BY payment_id LIMIT ?")
                .params(params).query(PaymentRecords::view).list();
    }

    private static PaymentView view(ResultSet rs, int rowNum) throws SQLException {
        return new PaymentView(PaymentId.of(rs.getString("payment_id")), rs.getString("order_id"),
                rs.getString("customer_id"), rs.getBigDecimal("amount"), rs.getString("currency"),
                PaymentMethodType.valueOf(rs.getString("method_type")), PaymentStatus.valueOf(rs.getString("status")),
                rs.getBigDecimal("captured_amount"), rs.getBigDecimal("refunded_amount"), rs.getString("gateway"),
                rs.getString("gateway_reference"), rs.getString("decline_reason"), instant(rs, "requested_at"),
                instant(rs, "updated_at"));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
