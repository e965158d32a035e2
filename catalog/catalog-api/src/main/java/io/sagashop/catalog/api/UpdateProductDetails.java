package io.sagashop.catalog.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a product's descriptive details; a no-op when nothing differs.
 *
 * @param productId   the product
 * @param name        new display name
 * @param description new description
 * @param category    new category
 */
public record UpdateProductDetails(@TargetAggregateIdentifier ProductId productId, String name,
                                   String description, String category) {
}
