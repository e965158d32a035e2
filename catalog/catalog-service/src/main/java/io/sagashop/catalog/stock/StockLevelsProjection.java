package io.sagashop.catalog.stock;

import io.sagashop.catalog.api.*;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code stock_level} and {@code stock_open_reservation} in step with the stock events
 * ({@link StockLevels}: one statement per event, two when a reservation opens or closes). Its own
 * processing group, so the audit's figures can be rebuilt without touching search.
 *
 * <p>No event is counted twice: the processor is a tracking one whose token commits in the same
 * transaction as the rows, a replay first empties the tables ({@link #reset()}), and a
 * ProductAdded applied again starts its product's figures over.
 */
@Component
@ProcessingGroup(StockLevelsProjection.PROCESSING_GROUP)
class StockLevelsProjection {

    static final String PROCESSING_GROUP = "catalog-stock";

    private final StockLevels levels;

    StockLevelsProjection(StockLevels levels) {
        this.levels = levels;
    }

    @EventHandler
    void on(ProductAdded e) {
        levels.add(e.productId().value(), e.sku(), e.initialStock());
    }

    @EventHandler
    void on(ProductRestocked e) {
        require(levels.receive(e.productId().value(), e.quantity()), e.productId());
    }

    @EventHandler
    void on(StockReserved e) {
        require(levels.reserve(e.productId().value(), e.orderId(), e.quantity()), e.productId());
    }

    @EventHandler
    void on(StockReleased e) {
        require(levels.release(e.productId().value(), e.orderId(), e.quantity()), e.productId());
    }

    @EventHandler
    void on(StockCommitted e) {
        require(levels.commit(e.productId().value(), e.orderId(), e.quantity()), e.productId());
    }

    @EventHandler
    void on(StockReturned e) {
        require(levels.giveBack(e.productId().value(), e.quantity()), e.productId());
    }

    @ResetHandler
    void reset() {
        levels.deleteAll();
    }

    /**
     * An event for a product without a row fails, so that it is dead-lettered (and retried once
     * the cause is fixed) instead of lost; it wrote nothing.
     */
    private static void require(boolean found, ProductId id) {
        if (!found) {
            throw new IllegalStateException("no stock_level for " + id + "; the projection is behind its events");
        }
    }
}
