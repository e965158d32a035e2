package io.sagashop.catalog.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes a product out of sale: new reservations are rejected, existing ones can still be
 * released or committed. Repeating it changes nothing.
 *
 * @param productId the product
 */
public record DiscontinueProduct(@TargetAggregateIdentifier ProductId productId) {
}
