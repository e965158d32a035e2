package io.sagashop.catalog.api;

import java.util.List;

/**
 * The answer to {@link FindPricesQuery}.
 *
 * @param prices one entry per known product asked for
 */
public record PriceListView(List<ProductPriceView> prices) {

    public PriceListView {
        prices = List.copyOf(prices);
    }
}
