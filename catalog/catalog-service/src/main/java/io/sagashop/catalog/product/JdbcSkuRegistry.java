package io.sagashop.catalog.product;

import io.sagashop.catalog.api.ProductAdded;
import io.sagashop.catalog.api.ProductId;
import java.util.Optional;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The unique-SKU lookup in table {@code product_sku}, in plain SQL. Its processing group is
 * subscribing (application.yml), so the row is written in the AddProduct command's own
 * transaction: two concurrent adds of one SKU cannot both commit, because the second insert hits
 * the primary key.
 */
@Component
@ProcessingGroup(JdbcSkuRegistry.PROCESSING_GROUP)
class JdbcSkuRegistry implements SkuRegistry {

    static final String PROCESSING_GROUP = "catalog-sku";

    private final JdbcClient jdbc;

    JdbcSkuRegistry(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public Optional<ProductId> holderOf(String sku) {
        return jdbc.sql("SELECT product_id FROM product_sku WHERE sku = ?").param(sku).query(String.class).optional()
                .map(ProductId::of);
    }

    /**
     * Inserts, never overwrites: a taken SKU fails the statement (a {@code DuplicateKeyException})
     * at once, inside the command.
     */
    @Override
    public void register(String sku, ProductId productId) {
        jdbc.sql("INSERT INTO product_sku (sku, product_id) VALUES (?, ?)").params(sku, productId.value()).update();
    }

    @EventHandler
    void on(ProductAdded event) {
        register(event.sku(), event.productId());
    }
}
