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

    void remember(String orderId, List<OrderLine> lines) {
        String serialized = write(lines);
        if (jdbc.update("UPDATE known_order SET order_lines = ? WHERE order_id = ?", serialized, orderId) == 0) {
            jdbc.update("INSERT INTO known_order (order_id, order_lines) VALUES (?, ?)", orderId, serialized);
        }
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
