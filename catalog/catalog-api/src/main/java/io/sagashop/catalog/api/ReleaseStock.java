package io.sagashop.catalog.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the order saga as a compensation: give an order's reserved units back to available
 * stock ({@link StockReleased}). Idempotent: releasing what is already released, or what was
 * never reserved, changes nothing.
 *
 * @param productId the product
 * @param orderId   the order whose reservation is released
 */
public record ReleaseStock(@TargetAggregateIdentifier ProductId productId, String orderId) {
}
