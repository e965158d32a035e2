package io.sagashop.order.placement;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ProductPriceView;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Table {@code price_list}: each product's sku, name, price, currency and whether it is
 * discontinued, as the catalog's events last said. Statements run in the caller's transaction
 * (the processor's unit of work, or none for a read).
 *
 * <p>Products read are kept for {@link #KEPT_FOR}: every order read its products' rows, a
 * {@code SELECT} and the pool's {@code ROLLBACK} on a connection borrowed by the request thread,
 * though a catalog changes its prices rarely. Only the instance whose {@code order-prices}
 * processor holds the segment prices from here ({@link PriceListStatus}), and it is the one writing
 * the rows: each change drops its product at once and again after its commit. What the time bounds
 * is a row written by another instance (the segment moved away and back): its price may be up to
 * that much older, as any price is older by the projection's own lag.
 */
@Repository
class PriceList {

    static final Duration KEPT_FOR = Duration.ofSeconds(2);

    private final JdbcClient jdbc;
    private final Cache<ProductId, ProductPriceView> kept = Caffeine.newBuilder().expireAfterWrite(KEPT_FOR)
            .maximumSize(10_000).build();

    PriceList(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** The product as added; a ProductAdded applied again (a replay) starts its row over. */
    void add(ProductPriceView product) {
        changed(product.productId());
        jdbc.sql("INSERT INTO price_list (product_id, sku, name, price, currency, discontinued) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE sku = VALUES(sku), name = VALUES(name), price = VALUES(price), "
                        + "currency = VALUES(currency), discontinued = VALUES(discontinued)")
                .params(product.productId().value(), product.sku(), product.name(), product.price(), product.currency(),
                        product.discontinued())
                .update();
    }

    /** Whether the product has a row (a change of one that has none changes nothing). */
    boolean rename(ProductId id, String name) {
        changed(id);
        return jdbc.sql("UPDATE price_list SET name = ? WHERE product_id = ?").params(name, id.value()).update() > 0;
    }

    boolean reprice(ProductId id, BigDecimal price, String currency) {
        changed(id);
        return jdbc.sql("UPDATE price_list SET price = ?, currency = ? WHERE product_id = ?")
                .params(price, currency, id.value()).update() > 0;
    }

    boolean discontinue(ProductId id) {
        changed(id);
        return jdbc.sql("UPDATE price_list SET discontinued = true WHERE product_id = ?").param(id.value()).update() > 0;
    }

    void deleteAll() {
        kept.invalidateAll();
        jdbc.sql("DELETE FROM price_list").update();
        afterCommit(kept::invalidateAll);
    }

    /** Forgets the product now and once the change commits: a read in between keeps the older row. */
    private void changed(ProductId id) {
        kept.invalidate(id);
        afterCommit(() -> kept.invalidate(id));
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    action.run();
                }
            });
        }
    }

    /** Those of the products that have a row, by id. */
    Map<ProductId, ProductPriceView> find(List<ProductId> ids) {
        Map<ProductId, ProductPriceView> found = new HashMap<>(kept.getAllPresent(ids));
        List<ProductId> missing = ids.stream().filter(id -> !found.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            read(missing).forEach(product -> {
                kept.put(product.productId(), product);
                found.put(product.productId(), product);
            });
        }
        return found;
    }

    private List<ProductPriceView> read(List<ProductId> ids) {
        return jdbc.sql("SELECT product_id, sku, name, price, currency, discontinued FROM price_list WHERE product_id IN ("
                        + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")
                .params(ids.stream().map(ProductId::value).toList())
                .query((rs, n) -> new ProductPriceView(ProductId.of(rs.getString("product_id")), rs.getString("sku"),
                        rs.getString("name"), rs.getBigDecimal("price"), rs.getString("currency"),
                        rs.getBoolean("discontinued")))
                .list();
    }
}
