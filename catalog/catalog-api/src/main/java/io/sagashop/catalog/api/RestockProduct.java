package io.sagashop.catalog.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Receives more units of a product into stock.
 *
 * @param productId the product
 * @param quantity  units received, greater than zero
 */
public record RestockProduct(@TargetAggregateIdentifier ProductId productId, int quantity) {
}
