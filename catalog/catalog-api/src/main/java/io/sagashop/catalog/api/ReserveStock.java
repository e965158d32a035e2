package io.sagashop.catalog.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the order saga: hold {@code quantity} units of a product for an order. Answered with
 * {@link StockReserved} or {@link StockReservationRejected} (as events) and a
 * {@link StockReservationResult} (as the command's result). Idempotent per (product, order): a
 * repeat changes nothing and answers with the reservation's current state.
 *
 * @param productId the product
 * @param orderId   the order the units are held for
 * @param quantity  units wanted, greater than zero
 */
public record ReserveStock(@TargetAggregateIdentifier ProductId productId, String orderId,
                           int quantity) {
}
