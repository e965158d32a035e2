package io.sagashop.order.api;

/**
 * An operator ended the order's saga.
 *
 * @param orderId  the order
 * @param operator who asked
 * @param reason   why
 */
public record OrderSagaEndRequested(OrderId orderId, String operator, String reason) {
}
