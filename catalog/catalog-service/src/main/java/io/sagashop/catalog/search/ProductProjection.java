package io.sagashop.catalog.search;

import io.sagashop.catalog.api.*;
import java.time.Instant;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code product_entry} in step with the product events (a tracking processor, so its token
 * commits in the same transaction as the rows). Only available stock is tracked here; the full
 * stock figures are the stock package's.
 */
@Component
@ProcessingGroup(ProductProjection.PROCESSING_GROUP)
class ProductProjection {

    static final String PROCESSING_GROUP = "catalog-search";

    private final ProductEntryRepository entries;

    ProductProjection(ProductEntryRepository entries) {
        this.entries = entries;
    }

    @EventHandler
    void on(ProductAdded e, @Timestamp Instant at) {
        ProductEntry entry = new ProductEntry(e.productId().value(), e.sku(), at);
        entry.details(e.name(), e.description(), e.category());
        entry.price(e.price(), e.currency());
        entry.addAvailable(e.initialStock());
        entries.save(entry);
    }

    @EventHandler
    void on(ProductDetailsUpdated e) {
        update(e.productId(), entry -> entry.details(e.name(), e.description(), e.category()));
    }

    @EventHandler
    void on(ProductPriceChanged e) {
        update(e.productId(), entry -> entry.price(e.price(), e.currency()));
    }

    @EventHandler
    void on(ProductRestocked e) {
        update(e.productId(), entry -> entry.addAvailable(e.quantity()));
    }

    @EventHandler
    void on(ProductDiscontinued e) {
        update(e.productId(), ProductEntry::discontinue);
    }

    @EventHandler
    void on(StockReserved e) {
        update(e.productId(), entry -> entry.addAvailable(-e.quantity()));
    }

    @EventHandler
    void on(StockReleased e) {
        update(e.productId(), entry -> entry.addAvailable(e.quantity()));
    }

    @EventHandler
    void on(StockReturned e) {
        update(e.productId(), entry -> entry.addAvailable(e.quantity()));
    }

    @ResetHandler
    void reset() {
        entries.deleteAllInBatch();
    }

    private void update(ProductId id, Consumer<ProductEntry> change) {
        ProductEntry entry = entries.findById(id.value())
                .orElseThrow(() -> new IllegalStateException("no product_entry for " + id + "; the projection is behind its events"));
        change.accept(entry);
        entries.save(entry);
    }
}
