package io.sagashop.order.placement;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Table {@code order_placement}: which orders were taken over HTTP, by whom, under which
 * Idempotency-Key and with which body. A row is committed before its PlaceOrder is sent and
 * marked placed after the aggregate accepted it.
 */
@Component
class OrderPlacements {

    enum State { SENDING, PLACED }

    /**
     * One row.
     *
     * @param orderId     the order's id, chosen before the command is sent
     * @param customerId  who placed it
     * @param requestHash fingerprint of the request body
     * @param state       whether the aggregate is known to have accepted it
     */
    record Placement(String orderId, String customerId, String requestHash, State state) {
    }

    private static final RowMapper<Placement> ROW = (rs, n) -> new Placement(rs.getString("order_id"),
            rs.getString("customer_id"), rs.getString("request_hash"), State.valueOf(rs.getString("state")));

    private final JdbcTemplate jdbc;

    OrderPlacements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an order without a key. */
    void insert(String orderId, String customerId, String requestHash) {
        jdbc.update("insert into order_placement (order_id, customer_id, idempotency_key, request_hash, state, created_at)"
                + " values (?, ?, null, ?, ?, ?)", orderId, customerId, requestHash, State.SENDING.name(), now());
    }

    /**
     * Records an order under a key unless the key is taken (by a concurrent or earlier request);
     * the unique key decides, so two concurrent requests cannot both win.
     */
    boolean insertIfKeyFree(String orderId, String customerId, String key, String requestHash) {
        return jdbc.update("insert ignore into order_placement (order_id, customer_id, idempotency_key, request_hash, state, created_at)"
                + " values (?, ?, ?, ?, ?, ?)", orderId, customerId, key, requestHash, State.SENDING.name(), now()) == 1;
    }

    Optional<Placement> findByKey(String customerId, String key) {
        return first(jdbc.query("select * from order_placement where customer_id = ? and idempotency_key = ?",
                ROW, customerId, key));
    }

    /** The key's row, locked until the current transaction ends: concurrent retries of one key queue here. */
    Placement lockByKey(String customerId, String key) {
        return first(jdbc.query("select * from order_placement where customer_id = ? and idempotency_key = ? for update",
                ROW, customerId, key)).orElseThrow(() -> new IllegalStateException("idempotency row vanished: " + key));
    }

    void markPlaced(String orderId) {
        jdbc.update("update order_placement set state = ? where order_id = ?", State.PLACED.name(), orderId);
    }

    Optional<String> customerOf(String orderId) {
        return first(jdbc.queryForList("select customer_id from order_placement where order_id = ?", String.class, orderId));
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
