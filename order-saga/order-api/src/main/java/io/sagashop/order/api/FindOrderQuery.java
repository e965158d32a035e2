package io.sagashop.order.api;

/**
 * Asks for one order. Answered with an {@link OrderView}, or {@code null} when there is no
 * such order (ask with {@code optionalInstanceOf}). Also the subscription query behind
 * {@code GET /orders/{id}/status-stream}: updates are {@link OrderView}s.
 *
 * @param orderId the order
 */
public record FindOrderQuery(OrderId orderId) {
}
