package io.sagashop.catalog.api;

import java.math.BigDecimal;

/**
 * One product's current price.
 *
 * @param productId    the product
 * @param sku          stock keeping unit
 * @param name         display name
 * @param price        unit price
 * @param currency     ISO 4217 code of the price
 * @param discontinued whether the product is out of sale (a reservation will be rejected)
 */
public record ProductPriceView(ProductId productId, String sku, String name, BigDecimal price,
                               String currency, boolean discontinued) {
}
