package io.sagashop.catalog.api;

import java.util.List;

/**
 * Asks for the current prices of some products (the order side prices orders this way).
 * Answered with a {@link PriceListView}; unknown ids are left out of it.
 *
 * @param productIds the products
 */
public record FindPricesQuery(List<ProductId> productIds) {

    public FindPricesQuery {
        productIds = List.copyOf(productIds);
    }
}
