package io.sagashop.order.api;

import java.util.List;

/**
 * Cancellation of the order was asked for; the saga compensates and then sends
 * {@link CancelOrder}.
 *
 * @param orderId          the order
 * @param customerId       who placed it
 * @param requestedBy      who asked
 * @param statusAtRequest  the order's status when it was asked (CONFIRMED means refund and restock)
 * @param reason           why
 * @param lines            the order's lines (what a refund of a confirmed order returns to stock);
 *                         {@code null} in events stored before they were carried
 * @param paymentRefunded  the order's payment was already refunded (by an operator, outside the
 *                         order) when the cancellation was asked for: nothing more to refund
 */
public record OrderCancellationRequested(OrderId orderId, String customerId, String requestedBy, OrderStatus statusAtRequest,
                                         String reason, List<OrderLine> lines, boolean paymentRefunded) {

    public OrderCancellationRequested {
        lines = lines == null ? null : List.copyOf(lines);
    }
}
