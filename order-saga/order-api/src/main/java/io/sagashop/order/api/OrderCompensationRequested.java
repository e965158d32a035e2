package io.sagashop.order.api;

/**
 * An operator asked the saga to compensate and reject the order.
 *
 * @param orderId  the order
 * @param operator who asked
 * @param reason   why
 */
public record OrderCompensationRequested(OrderId orderId, String operator, String reason) {
}
