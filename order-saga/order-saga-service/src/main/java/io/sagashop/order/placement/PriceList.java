package io.sagashop.order.placement;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ProductPriceView;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Table {@code price_list}: each product's sku, name, price, currency and whether it is
 * discontinued, as the catalog's events last said. Statements run in the caller's transaction
 * (the processor's unit of work, or none for a read).
 */
@Repository
class PriceList {

    private final JdbcClient jdbc;

    PriceList(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** The product as added; a ProductAdded applied again (a replay) starts its row over. */
    void add(ProductPriceView product) {
        jdbc.sql("INSERT INTO price_list (product_id, sku, name, price, currency, discontinued) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE sku = VALUES(sku), name = VALUES(name), price = VALUES(price), "
                        + "currency = VALUES(currency), discontinued = VALUES(discontinued)")
                .params(product.productId().value(), product.sku(), product.name(), product.price(), product.currency(),
                        product.discontinued())
                .update();
    }

    /** Whether the product has a row (a change of one that has none changes nothing). */
    boolean rename(ProductId id, String name) {
        return jdbc.sql("UPDATE price_list SET name = ? WHERE product_id = ?").params(name, id.value()).update() > 0;
    }

    boolean reprice(ProductId id, BigDecimal price, String currency) {
        return jdbc.sql("UPDATE price_list SET price = ?, currency = ? WHERE product_id = ?")
                .params(price, currency, id.value()).update() > 0;
    }

    boolean discontinue(ProductId id) {
        return jdbc.sql("UPDATE price_list SET discontinued = true WHERE product_id = ?").param(id.value()).update() > 0;
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM price_list").update();
    }

    /** Those of the products that have a row, by id. */
    Map<ProductId, ProductPriceView> find(List<ProductId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT product_id, sku, name, price, currency, discontinued FROM price_list WHERE product_id IN ("
                        + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")
                .params(ids.stream().map(ProductId::value).toList())
                .query((rs, n) -> new ProductPriceView(ProductId.of(rs.getString("product_id")), rs.getString("sku"),
                        rs.getString("name"), rs.getBigDecimal("price"), rs.getString("currency"),
                        rs.getBoolean("discontinued")))
                .list().stream()
                .collect(Collectors.toMap(ProductPriceView::productId, Function.identity()));
    }
}
