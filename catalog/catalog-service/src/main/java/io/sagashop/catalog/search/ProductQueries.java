package io.sagashop.catalog.search;

import io.sagashop.catalog.api.*;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Answers product queries from the projection, for the hub and for {@link ProductQueryController}. */
@Component
@Transactional(readOnly = true)
class ProductQueries {

    private final ProductEntryRepository entries;

    ProductQueries(ProductEntryRepository entries) {
        this.entries = entries;
    }

    /** A product's detail, or {@code null} when there is none. */
    @QueryHandler
    ProductView handle(FindProductQuery query) {
        return entries.findById(query.productId().value()).map(ProductEntry::toView).orElse(null);
    }

    /** One page of products matching the query's filters. */
    @QueryHandler
    ProductPage handle(SearchProductsQuery query) {
        ProductSearch search = ProductSearch.of(query);
        Page<ProductEntry> page = entries.findAll(search.specification(), search.pageable());
        return new ProductPage(page.map(ProductEntry::toView).getContent(), page.getNumber(), page.getSize(),
                page.getTotalElements(), page.getTotalPages());
    }

    /** Current prices of the products asked for that exist. */
    @QueryHandler
    PriceListView handle(FindPricesQuery query) {
        List<String> ids = query.productIds().stream().map(ProductId::value).distinct().toList();
        return new PriceListView(entries.findAllById(ids).stream().map(ProductEntry::toPriceView).toList());
    }
}
