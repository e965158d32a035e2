package io.sagashop.catalog.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the order saga when a confirmed order is cancelled: the units the order bought go
 * back to available stock ({@link StockReturned}). Idempotent: returning what is already
 * returned changes nothing; refused when the order holds no committed units of the product.
 *
 * <p>The quantity is the order line's: the product checks it against the sale it remembers, and
 * needs it for a sale it has forgotten (settled longer ago than its retention), which it takes
 * back only up to the units of forgotten sales not yet returned.
 *
 * @param productId the product
 * @param orderId   the order whose sold units come back
 * @param quantity  the units the order bought, at least 1
 */
public record ReturnStock(@TargetAggregateIdentifier ProductId productId, String orderId, int quantity) {
}
