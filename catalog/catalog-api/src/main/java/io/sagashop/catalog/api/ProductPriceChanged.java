package io.sagashop.catalog.api;

import java.math.BigDecimal;

/**
 * A product's unit price changed.
 *
 * @param productId the product
 * @param price     new unit price
 * @param currency  ISO 4217 code of the price
 */
public record ProductPriceChanged(ProductId productId, BigDecimal price, String currency) {
}
