package io.sagashop.catalog.stock;

import io.sagashop.catalog.api.OpenReservationView;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.StockLevelsView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code stock_level} (one product's figures) and {@code stock_open_reservation} (the
 * orders holding units of it) in plain SQL. An event moves the figures with one
 * {@code UPDATE ... SET x = x + ?} and, when it opens or closes a reservation, one more statement
 * for that reservation's row; nothing is read first. Under JPA the same event loaded the row and
 * all of the product's open reservations, then flushed (docs/performance.md: the catalog's
 * projection time was in that flush). Statements run on the connection of the caller's
 * transaction (the event processor's unit of work), so they commit or roll back with its token.
 *
 * <p>The writes answer whether the product has a row; the figures are updated first, so an event
 * for a product without one writes nothing at all.
 */
@Repository
class StockLevels {

    private final JdbcClient jdbc;

    StockLevels(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * A new product's figures: all of its initial stock received and available. If the product
     * has a row already, its figures and open reservations start over (as JPA's merge of a new
     * entity did), so replaying a product's events from its first one rebuilds its figures
     * instead of adding to them.
     */
    void add(String productId, String sku, int initialStock) {
        jdbc.sql("DELETE FROM stock_open_reservation WHERE product_id = ?").param(productId).update();
        jdbc.sql("INSERT INTO stock_level (product_id, sku, received, available, reserved, sold) VALUES (?, ?, ?, ?, 0, 0) "
                        + "ON DUPLICATE KEY UPDATE sku = VALUES(sku), received = VALUES(received), "
                        + "available = VALUES(available), reserved = 0, sold = 0")
                .params(productId, sku, initialStock, initialStock)
                .update();
    }

    /** Restocked units: received and available. */
    boolean receive(String productId, int quantity) {
        return figures("received = received + ?, available = available + ?", productId, quantity, quantity);
    }

    /**
     * Units held for an order. The order's reservation row is written with an upsert: applied
     * again, the reservation stays one row (with the latest quantity), as it did in JPA's map.
     */
    boolean reserve(String productId, String orderId, int quantity) {
        if (!figures("available = available - ?, reserved = reserved + ?", productId, quantity, quantity)) {
            return false;
        }
        jdbc.sql("INSERT INTO stock_open_reservation (product_id, order_id, quantity) VALUES (?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE quantity = VALUES(quantity)")
                .params(productId, orderId, quantity).update();
        return true;
    }

    /** Held units back to available; the order's reservation (if it had one) is closed. */
    boolean release(String productId, String orderId, int quantity) {
        if (!figures("available = available + ?, reserved = reserved - ?", productId, quantity, quantity)) {
            return false;
        }
        close(productId, orderId);
        return true;
    }

    /** Held units sold; the order's reservation is closed. */
    boolean commit(String productId, String orderId, int quantity) {
        if (!figures("reserved = reserved - ?, sold = sold + ?", productId, quantity, quantity)) {
            return false;
        }
        close(productId, orderId);
        return true;
    }

    /** Sold units back to available (a confirmed order was cancelled). */
    boolean giveBack(String productId, int quantity) {
        return figures("sold = sold - ?, available = available + ?", productId, quantity, quantity);
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM stock_open_reservation").update();
        jdbc.sql("DELETE FROM stock_level").update();
    }

    /** Every product's figures, by product id. */
    List<StockLevelsView> all() {
        return views(jdbc.sql("SELECT product_id, sku, received, available, reserved, sold FROM stock_level")
                        .query(StockLevels::row).list(),
                jdbc.sql("SELECT product_id, order_id, quantity FROM stock_open_reservation")
                        .query(StockLevels::reservation).list());
    }

    /** The figures of those of the products that have a row, by product id. */
    List<StockLevelsView> of(List<String> productIds) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        String in = " WHERE product_id IN (" + String.join(", ", Collections.nCopies(productIds.size(), "?")) + ")";
        List<Row> rows = jdbc.sql("SELECT product_id, sku, received, available, reserved, sold FROM stock_level" + in)
                .params(productIds).query(StockLevels::row).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        return views(rows, jdbc.sql("SELECT product_id, order_id, quantity FROM stock_open_reservation" + in)
                .params(productIds).query(StockLevels::reservation).list());
    }

    /** One UPDATE of the product's figures; whether the product has a row. */
    private boolean figures(String assignments, String productId, int first, int second) {
        // Connector/J counts matched rows, not only changed ones: a change by 0 still finds the row.
        return jdbc.sql("UPDATE stock_level SET " + assignments + " WHERE product_id = ?")
                .params(first, second, productId).update() > 0;
    }

    private void close(String productId, String orderId) {
        jdbc.sql("DELETE FROM stock_open_reservation WHERE product_id = ? AND order_id = ?")
                .params(productId, orderId).update();
    }

    /**
     * The views sorted in Java, products by id and each product's reservations by order id, as
     * before: the database would sort by its collation, which ignores case.
     */
    private static List<StockLevelsView> views(List<Row> rows, List<Reservation> reservations) {
        Map<String, TreeMap<String, Integer>> open = new HashMap<>();
        reservations.forEach(r -> open.computeIfAbsent(r.productId(), id -> new TreeMap<>()).put(r.orderId(), r.quantity()));
        return rows.stream()
                .sorted(Comparator.comparing(Row::productId))
                .map(row -> row.view(open.getOrDefault(row.productId(), new TreeMap<>())))
                .toList();
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(rs.getString("product_id"), rs.getString("sku"), rs.getInt("received"), rs.getInt("available"),
                rs.getInt("reserved"), rs.getInt("sold"));
    }

    private static Reservation reservation(ResultSet rs, int rowNum) throws SQLException {
        return new Reservation(rs.getString("product_id"), rs.getString("order_id"), rs.getInt("quantity"));
    }

    /** One {@code stock_level} row, before its reservations are added. */
    private record Row(String productId, String sku, int received, int available, int reserved, int sold) {

        StockLevelsView view(TreeMap<String, Integer> reservations) {
            return new StockLevelsView(ProductId.of(productId), sku, received, available, reserved, sold,
                    reservations.entrySet().stream().map(r -> new OpenReservationView(r.getKey(), r.getValue())).toList());
        }
    }

    /** One {@code stock_open_reservation} row. */
    private record Reservation(String productId, String orderId, int quantity) {
    }
}
