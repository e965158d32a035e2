package io.sagashop.catalog.stock;

import io.sagashop.catalog.api.FindStockLevelsQuery;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.StockLevelsListView;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Answers {@link FindStockLevelsQuery} (the order saga's consistency audit asks it). */
@Component
@Transactional(readOnly = true)
class StockLevelQueries {

    private final StockLevelEntryRepository levels;

    StockLevelQueries(StockLevelEntryRepository levels) {
        this.levels = levels;
    }

    @QueryHandler
    StockLevelsListView handle(FindStockLevelsQuery query) {
        List<StockLevelEntry> found = query.productIds().isEmpty()
                ? levels.findAll(Sort.by("productId"))
                : levels.findAllById(query.productIds().stream().map(ProductId::value).distinct().toList());
        return new StockLevelsListView(found.stream().map(StockLevelEntry::toView)
                .sorted(java.util.Comparator.comparing(v -> v.productId().value())).toList());
    }
}
