package io.sagashop.order.api;

/**
 * Asks for one order's saga in full. Answered with a {@link SagaDetailView}, or {@code null}
 * when the order has no saga (ask with {@code optionalInstanceOf}).
 *
 * @param orderId the order
 */
public record FindSagaQuery(OrderId orderId) {
}
