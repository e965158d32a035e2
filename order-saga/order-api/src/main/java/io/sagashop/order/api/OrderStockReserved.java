package io.sagashop.order.api;

/**
 * Every line of the order is reserved in the catalog.
 *
 * @param orderId the order
 */
public record OrderStockReserved(OrderId orderId) {
}
