package io.sagashop.catalog.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the order saga once payment is captured: an order's reserved units become sold
 * ({@link StockCommitted}). Idempotent (also once the sold units were returned); refused when
 * the order holds no reservation.
 *
 * @param productId the product
 * @param orderId   the order whose reservation is committed
 */
public record CommitStock(@TargetAggregateIdentifier ProductId productId, String orderId) {
}
