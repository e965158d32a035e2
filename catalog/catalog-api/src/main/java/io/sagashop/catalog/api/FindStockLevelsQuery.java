package io.sagashop.catalog.api;

import java.util.List;

/**
 * Asks for stock figures, for the consistency audit. Answered with a {@link StockLevelsListView}
 * holding one {@link StockLevelsView} per product; an empty {@code productIds} means every product.
 * Unknown ids are left out.
 *
 * @param productIds the products, or empty for all
 */
public record FindStockLevelsQuery(List<ProductId> productIds) {

    public FindStockLevelsQuery {
        productIds = productIds == null ? List.of() : List.copyOf(productIds);
    }

    /** Every product's figures. */
    public static FindStockLevelsQuery all() {
        return new FindStockLevelsQuery(List.of());
    }

    /** The figures of the given products. */
    public static FindStockLevelsQuery of(ProductId... productIds) {
        return new FindStockLevelsQuery(List.of(productIds));
    }
}
