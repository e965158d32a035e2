package io.sagashop.order.api;

/**
 * An operator asked the saga to retry its current step.
 *
 * @param orderId  the order
 * @param operator who asked
 */
public record OrderStepRetryRequested(OrderId orderId, String operator) {
}
