package io.sagashop.catalog.product;

import io.sagashop.catalog.api.ProductAdded;
import io.sagashop.catalog.api.ProductId;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The unique-SKU lookup in table {@code product_sku}. Its processing group is subscribing
 * (application.yml), so the row is written in the AddProduct command's own transaction: two
 * concurrent adds of one SKU cannot both commit, because the second insert hits the primary key.
 */
@Component
@ProcessingGroup(JpaSkuRegistry.PROCESSING_GROUP)
class JpaSkuRegistry implements SkuRegistry {

    static final String PROCESSING_GROUP = "catalog-sku";

    private final EntityManager entityManager;

    JpaSkuRegistry(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Optional<ProductId> holderOf(String sku) {
        return Optional.ofNullable(entityManager.find(SkuEntry.class, sku)).map(entry -> ProductId.of(entry.productId()));
    }

    /** Inserts (never overwrites), flushing at once so a taken SKU fails inside the command. */
    @Override
    public void register(String sku, ProductId productId) {
        entityManager.persist(new SkuEntry(sku, productId.value()));
        entityManager.flush();
    }

    @EventHandler
    void on(ProductAdded event) {
        register(event.sku(), event.productId());
    }
}
