package io.sagashop.catalog.api;

import java.math.BigDecimal;

/**
 * A product entered the catalog with its initial stock (which counts as received).
 *
 * @param productId    the product
 * @param sku          stock keeping unit
 * @param name         display name
 * @param description  description
 * @param category     category
 * @param price        unit price
 * @param currency     ISO 4217 code of the price
 * @param initialStock units on hand
 */
public record ProductAdded(ProductId productId, String sku, String name, String description,
                           String category, BigDecimal price, String currency, int initialStock) {
}
