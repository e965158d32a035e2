package io.sagashop.catalog.api;

import java.math.BigDecimal;

/**
 * A product as the catalog shows it.
 *
 * @param productId      the product
 * @param sku            stock keeping unit
 * @param name           display name
 * @param description    description
 * @param category       category
 * @param price          unit price
 * @param currency       ISO 4217 code of the price
 * @param availableStock units that can be reserved now
 * @param discontinued   whether the product is out of sale
 */
public record ProductView(ProductId productId, String sku, String name, String description,
                          String category, BigDecimal price, String currency, int availableStock,
                          boolean discontinued) {
}
