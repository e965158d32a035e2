package io.sagashop.order.saga;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link SagaOrderBook} in this service's schema, written in the saga's transaction. */
@Component
class JdbcSagaOrderBook implements SagaOrderBook {

    private final JdbcTemplate jdbc;

    JdbcSagaOrderBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void remember(PlacedOrder order) {
        int inserted = jdbc.update("INSERT IGNORE INTO saga_placed_order (order_id, customer_id, total, currency) VALUES (?, ?, ?, ?)",
                order.orderId(), order.customerId(), order.total(), order.currency());
        if (inserted == 1) {
            jdbc.batchUpdate("INSERT INTO saga_placed_order_line (order_id, product_id, quantity) VALUES (?, ?, ?)",
                    order.lines().stream().map(line -> new Object[] {order.orderId(), line.productId(), line.quantity()}).toList());
        }
    }

    @Override
    public Optional<PlacedOrder> find(String orderId) {
        return jdbc.query("SELECT customer_id, total, currency FROM saga_placed_order WHERE order_id = ?",
                (row, i) -> new PlacedOrder(orderId, row.getString(1), row.getBigDecimal(2), row.getString(3), lines(orderId)),
                orderId).stream().findFirst();
    }

    private List<PlacedOrder.BookedLine> lines(String orderId) {
        return jdbc.query("SELECT product_id, quantity FROM saga_placed_order_line WHERE order_id = ? ORDER BY product_id",
                (row, i) -> new PlacedOrder.BookedLine(row.getString(1), row.getInt(2)), orderId);
    }
}
