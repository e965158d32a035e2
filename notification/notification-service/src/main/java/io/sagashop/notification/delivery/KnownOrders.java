package io.sagashop.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sagashop.order.api.OrderLine;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The lines of orders seen in an outcome event (table {@code known_order}), because
 * {@code OrderRefunded} does not carry them and the refund mail should still list them.
 */
@Repository
class KnownOrders {

    private static final TypeReference<List<OrderLine>> LINES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    KnownOrders(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * One statement whether the order is new (nearly always: its first outcome) or seen before (a
     * second outcome, a replay): an UPDATE first would miss for every new order and cost a second
     * round trip. MariaDB, MySQL and H2 in MySQL mode know this upsert.
     */
    void remember(String orderId, List<OrderLine> lines) {
        jdbc.update("INSERT INTO known_order (order_id, order_lines) VALUES (?, ?)"
                + " ON DUPLICATE KEY UPDATE order_lines = VALUES(order_lines)", orderId, write(lines));
    }

    List<OrderLine> lines(String orderId) {
        return jdbc.query("SELECT order_lines FROM known_order WHERE order_id = ?", (rs, n) -> rs.getString(1), orderId)
                .stream().findFirst().map(this::read).orElse(List.of());
    }

    void forgetAll() {
        jdbc.update("DELETE FROM known_order");
    }

    private String write(List<OrderLine> lines) {
        try {
            return json.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<OrderLine> read(String serialized) {
        try {
            return json.readValue(serialized, LINES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
