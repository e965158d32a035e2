package io.sagashop.catalog.stock;

import io.sagashop.catalog.api.FindStockLevelsQuery;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.StockLevelsListView;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers {@link FindStockLevelsQuery} (the order saga's consistency audit asks it), in read-only
 * transactions: an answer's two reads (figures, then open reservations) share one connection.
 */
@Component
@Transactional(readOnly = true)
class StockLevelQueries {

    private final StockLevels levels;

    StockLevelQueries(StockLevels levels) {
        this.levels = levels;
    }

    @QueryHandler
    StockLevelsListView handle(FindStockLevelsQuery query) {
        List<String> ids = query.productIds().stream().map(ProductId::value).distinct().toList();
        return new StockLevelsListView(ids.isEmpty() ? levels.all() : levels.of(ids));
    }
}
