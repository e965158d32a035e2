package io.sagashop.catalog.api;

/**
 * A product's descriptive details changed.
 *
 * @param productId   the product
 * @param name        display name
 * @param description description
 * @param category    category
 */
public record ProductDetailsUpdated(ProductId productId, String name, String description,
                                    String category) {
}
