package io.sagashop.catalog.search;

import io.sagashop.catalog.api.*;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code product_entry} in step with the product events, one SQL statement per event
 * ({@link ProductEntries}). Only available stock is tracked here; the full stock figures are the
 * stock package's.
 *
 * <p>No event is counted twice: the processor is a tracking one whose token commits in the same
 * transaction as the rows, a replay first empties the table ({@link #reset()}), and a
 * ProductAdded applied again rewrites its product's row from scratch.
 */
@Component
@ProcessingGroup(ProductProjection.PROCESSING_GROUP)
class ProductProjection {

    static final String PROCESSING_GROUP = "catalog-search";

    private final ProductEntries entries;

    ProductProjection(ProductEntries entries) {
        this.entries = entries;
    }

    @EventHandler
    void on(ProductAdded e, @Timestamp Instant at) {
        entries.add(new ProductView(e.productId(), e.sku(), e.name(), e.description(), e.category(), e.price(),
                e.currency(), e.initialStock(), false), at);
    }

    @EventHandler
    void on(ProductDetailsUpdated e) {
        require(entries.details(e.productId(), e.name(), e.description(), e.category()), e.productId());
    }

    @EventHandler
    void on(ProductPriceChanged e) {
        require(entries.price(e.productId(), e.price(), e.currency()), e.productId());
    }

    @EventHandler
    void on(ProductRestocked e) {
        require(entries.addAvailable(e.productId(), e.quantity()), e.productId());
    }

    @EventHandler
    void on(ProductDiscontinued e) {
        require(entries.discontinue(e.productId()), e.productId());
    }

    @EventHandler
    void on(StockReserved e) {
        require(entries.addAvailable(e.productId(), -e.quantity()), e.productId());
    }

    @EventHandler
    void on(StockReleased e) {
        require(entries.addAvailable(e.productId(), e.quantity()), e.productId());
    }

    @EventHandler
    void on(StockReturned e) {
        require(entries.addAvailable(e.productId(), e.quantity()), e.productId());
    }

    @ResetHandler
    void reset() {
        entries.deleteAll();
    }

    /**
     * An event for a product without a row fails, so that it is dead-lettered (and retried once
     * the cause is fixed) instead of lost; its statement changed nothing.
     */
    private static void require(boolean found, ProductId id) {
        if (!found) {
            throw new IllegalStateException("no product_entry for " + id + "; the projection is behind its events");
        }
    }
}
