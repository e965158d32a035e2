package io.sagashop.order.api;

/**
 * Cancellation of the order was asked for; the saga compensates and then sends
 * {@link CancelOrder}.
 *
 * @param orderId          the order
 * @param customerId       who placed it
 * @param requestedBy      who asked
 * @param statusAtRequest  the order's status when it was asked (CONFIRMED means refund and restock)
 * @param reason           why
 */
public record OrderCancellationRequested(OrderId orderId, String customerId, String requestedBy, OrderStatus statusAtRequest,
                                         String reason) {
}
