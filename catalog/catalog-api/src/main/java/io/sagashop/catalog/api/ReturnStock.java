package io.sagashop.catalog.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the order saga when a confirmed order is cancelled: the units the order bought go
 * back to available stock ({@link StockReturned}). Idempotent: returning what is already
 * returned changes nothing; refused when the order holds no committed units of the product.
 *
 * @param productId the product
 * @param orderId   the order whose sold units come back
 */
public record ReturnStock(@TargetAggregateIdentifier ProductId productId, String orderId) {
}
