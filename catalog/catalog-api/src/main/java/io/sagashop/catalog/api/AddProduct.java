package io.sagashop.catalog.api;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds a product to the catalog with its initial stock. Answered with the product id; refused
 * (as an exception) when a field is invalid or the SKU is taken.
 *
 * @param productId    the id the caller chose for the new product
 * @param sku          stock keeping unit, unique in the catalog
 * @param name         display name, searched
 * @param description  free text, searched
 * @param category     category the product is filed under
 * @param price        unit price, greater than zero
 * @param currency     ISO 4217 code of the price, e.g. {@code EUR}
 * @param initialStock units on hand, zero or more
 */
public record AddProduct(@TargetAggregateIdentifier ProductId productId, String sku, String name,
                         String description, String category, BigDecimal price, String currency,
                         int initialStock) {
}
