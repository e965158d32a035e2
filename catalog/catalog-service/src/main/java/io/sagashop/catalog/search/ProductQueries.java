package io.sagashop.catalog.search;

import io.sagashop.catalog.api.*;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers product queries from the projection, for the hub and for {@link ProductQueryController},
 * in read-only transactions: a search's page and its count share one connection.
 */
@Component
@Transactional(readOnly = true)
class ProductQueries {

    private final ProductEntries entries;

    ProductQueries(ProductEntries entries) {
        this.entries = entries;
    }

    /** A product's detail, or {@code null} when there is none. */
    @QueryHandler
    ProductView handle(FindProductQuery query) {
        return entries.find(query.productId()).orElse(null);
    }

    /** One page of products matching the query's filters. */
    @QueryHandler
    ProductPage handle(SearchProductsQuery query) {
        return entries.search(ProductSearch.of(query));
    }

    /** Current prices of the products asked for that exist. */
    @QueryHandler
    PriceListView handle(FindPricesQuery query) {
        List<String> ids = query.productIds().stream().map(ProductId::value).distinct().toList();
        return new PriceListView(entries.prices(ids));
    }
}
