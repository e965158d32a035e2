package io.sagashop.catalog.api;

import java.util.List;

/**
 * The answer to {@link FindStockLevelsQuery}. A record rather than a bare list: Jackson cannot
 * tell a list's element type once it has crossed Axon Server, so list responses are wrapped.
 *
 * @param levels one entry per product asked for that exists, ordered by product id
 */
public record StockLevelsListView(List<StockLevelsView> levels) {

    public StockLevelsListView {
        levels = List.copyOf(levels);
    }

    /** Whether every product's figures balance. */
    public boolean balanced() {
        return levels.stream().allMatch(StockLevelsView::balanced);
    }
}
