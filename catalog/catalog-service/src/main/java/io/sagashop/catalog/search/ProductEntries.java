package io.sagashop.catalog.search;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ProductPage;
import io.sagashop.catalog.api.ProductPriceView;
import io.sagashop.catalog.api.ProductView;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code product_entry} in plain SQL. Each event of the projection is one statement that
 * writes only what the event changes ({@code available_stock = available_stock + ?}, the new
 * price, ...), instead of a JPA load, dirty check and update of every column. Statements run on
 * the connection of the caller's transaction (the event processor's unit of work), so the rows
 * commit or roll back with the processor's token.
 *
 * <p>The writes answer whether the product's row exists: an event for a product without one
 * means the projection is behind, which the projection reports as an error.
 */
@Repository
class ProductEntries {

    private static final String VIEW_COLUMNS =
            "product_id, sku, name, description, category, price, currency, available_stock, discontinued";

    private final JdbcClient jdbc;

    ProductEntries(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Inserts the product, or rewrites every column of its row if it has one: a ProductAdded
     * applied again starts the product over (as JPA's merge of a new entity did), so replaying a
     * product's events from its first one rebuilds its row instead of adding to it.
     */
    void add(ProductView product, Instant createdAt) {
        jdbc.sql("INSERT INTO product_entry (" + VIEW_COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE sku = VALUES(sku), name = VALUES(name), "
                        + "description = VALUES(description), category = VALUES(category), price = VALUES(price), "
                        + "currency = VALUES(currency), available_stock = VALUES(available_stock), "
                        + "discontinued = VALUES(discontinued), created_at = VALUES(created_at)")
                .params(product.productId().value(), product.sku(), product.name(), product.description(),
                        product.category(), product.price(), product.currency(), product.availableStock(),
                        product.discontinued(), utc(createdAt))
                .update();
    }

    boolean details(ProductId id, String name, String description, String category) {
        return updated(jdbc.sql("UPDATE product_entry SET name = ?, description = ?, category = ? WHERE product_id = ?")
                .params(name, description, category, id.value()).update());
    }

    boolean price(ProductId id, BigDecimal price, String currency) {
        return updated(jdbc.sql("UPDATE product_entry SET price = ?, currency = ? WHERE product_id = ?")
                .params(price, currency, id.value()).update());
    }

    /** Adds {@code delta} (negative to take units away) to the available stock. */
    boolean addAvailable(ProductId id, int delta) {
        return updated(jdbc.sql("UPDATE product_entry SET available_stock = available_stock + ? WHERE product_id = ?")
                .params(delta, id.value()).update());
    }

    boolean discontinue(ProductId id) {
        return updated(jdbc.sql("UPDATE product_entry SET discontinued = true WHERE product_id = ?")
                .param(id.value()).update());
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM product_entry").update();
    }

    Optional<ProductView> find(ProductId id) {
        return jdbc.sql("SELECT " + VIEW_COLUMNS + " FROM product_entry WHERE product_id = ?").param(id.value())
                .query(ProductEntries::view).optional();
    }

    /** The prices of those of the products that exist, by product id. */
    List<ProductPriceView> prices(List<String> productIds) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT product_id, sku, name, price, currency, discontinued FROM product_entry "
                        + "WHERE product_id IN (" + String.join(", ", Collections.nCopies(productIds.size(), "?"))
                        + ") ORDER BY product_id")
                .params(productIds)
                .query((rs, n) -> new ProductPriceView(ProductId.of(rs.getString("product_id")), rs.getString("sku"),
                        rs.getString("name"), rs.getBigDecimal("price"), rs.getString("currency"),
                        rs.getBoolean("discontinued")))
                .list();
    }

    /** One page of the search, with the number of all products that match. */
    ProductPage search(ProductSearch search) {
        List<Object> params = new ArrayList<>(search.params());
        params.add(search.size());
        params.add(search.offset());
        List<ProductView> items = jdbc.sql("SELECT " + VIEW_COLUMNS + " FROM product_entry WHERE " + search.where()
                        + " ORDER BY " + search.orderBy() + " LIMIT ? OFFSET ?")
                .params(params).query(ProductEntries::view).list();
        long total = total(search, items.size());
        int pages = (int) Math.ceil((double) total / search.size());
        return new ProductPage(items, search.page(), search.size(), total, pages);
    }

    /**
     * The number of matches. A page that is not full is the last one, so it tells the total by
     * itself (as Spring Data's paging also reasons); only a full page, or an empty one past the
     * first, needs the count.
     */
    private long total(ProductSearch search, int found) {
        if (found < search.size() && (found > 0 || search.offset() == 0)) {
            return search.offset() + found;
        }
        return jdbc.sql("SELECT count(*) FROM product_entry WHERE " + search.where()).params(search.params())
                .query(Long.class).single();
    }

    private static ProductView view(ResultSet rs, int rowNum) throws SQLException {
        return new ProductView(ProductId.of(rs.getString("product_id")), rs.getString("sku"), rs.getString("name"),
                rs.getString("description"), rs.getString("category"), rs.getBigDecimal("price"),
                rs.getString("currency"), rs.getInt("available_stock"), rs.getBoolean("discontinued"));
    }

    /**
     * The instant as UTC wall-clock time, whatever the JVM's or the connection's time zone: what
     * Hibernate wrote to {@code created_at} before, so old and new rows sort together.
     */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * Whether the statement found the product's row. (Connector/J counts matched rows, not only
     * changed ones, so an event that changes nothing still finds its row.)
     */
    private static boolean updated(int rows) {
        return rows > 0;
    }
}
