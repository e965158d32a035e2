package io.sagashop.catalog.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the order saga as a compensation: give an order's reserved units back to available
 * stock ({@link StockReleased}). Idempotent: releasing what is already released, rejected or
 * returned changes nothing; refused when the units are sold. Releasing what was never reserved
 * applies {@code StockReleased} with quantity 0 and releases the order for good: a
 * {@link ReserveStock} of that order arriving later (a retry, a redelivery) is rejected with
 * {@link StockRejectionReason#ORDER_RELEASED}, so a compensation may overtake its reservation.
 *
 * @param productId the product
 * @param orderId   the order whose reservation is released
 */
public record ReleaseStock(@TargetAggregateIdentifier ProductId productId, String orderId) {
}
