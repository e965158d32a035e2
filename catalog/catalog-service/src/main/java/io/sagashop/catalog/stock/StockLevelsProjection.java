package io.sagashop.catalog.stock;

import io.sagashop.catalog.api.*;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code stock_level} and {@code stock_open_reservation} in step with the stock events. Its own processing group, so the audit's figures can be
 * rebuilt without touching search.
 */
@Component
@ProcessingGroup(StockLevelsProjection.PROCESSING_GROUP)
class StockLevelsProjection {

    static final String PROCESSING_GROUP = "catalog-stock";

    private final StockLevelEntryRepository levels;

    StockLevelsProjection(StockLevelEntryRepository levels) {
        this.levels = levels;
    }

    @EventHandler
    void on(ProductAdded e) {
        levels.save(new StockLevelEntry(e.productId().value(), e.sku(), e.initialStock()));
    }

    @EventHandler
    void on(ProductRestocked e) {
        update(e.productId(), level -> level.receive(e.quantity()));
    }

    @EventHandler
    void on(StockReserved e) {
        update(e.productId(), level -> level.reserve(e.orderId(), e.quantity()));
    }

    @EventHandler
    void on(StockReleased e) {
        update(e.productId(), level -> level.release(e.orderId(), e.quantity()));
    }

    @EventHandler
    void on(StockCommitted e) {
        update(e.productId(), level -> level.commit(e.orderId(), e.quantity()));
    }

    @EventHandler
    void on(StockReturned e) {
        update(e.productId(), level -> level.giveBack(e.quantity()));
    }

    @ResetHandler
    void reset() {
        levels.deleteAll();
    }

    private void update(ProductId id, Consumer<StockLevelEntry> change) {
        StockLevelEntry level = levels.findById(id.value())
                .orElseThrow(() -> new IllegalStateException("no stock_level for " + id + "; the projection is behind its events"));
        change.accept(level);
        levels.save(level);
    }
}
