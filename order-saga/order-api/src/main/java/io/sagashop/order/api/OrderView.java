package io.sagashop.order.api;

import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethodType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as its customer sees it.
 *
 * @param orderId         the order
 * @param customerId      who placed it
 * @param status          where it stands
 * @param lines           the priced lines
 * @param total           sum of the line totals
 * @param currency        ISO 4217 code
 * @param paymentMethod   the method's type (never the card token)
 * @param paymentId       the payment, once requested, else {@code null}
 * @param paymentStatus   the payment's state as the order knows it (REQUESTED, CAPTURED, REFUNDED...), or {@code null}
 * @param shippingAddress where it goes
 * @param rejectionReason why it was rejected, or {@code null}
 * @param rejectionDetail the reason in words, or {@code null}
 * @param placedAt        when it was placed
 * @param updatedAt       its last change
 * @param timeline        its steps, oldest first
 */
public record OrderView(OrderId orderId, String customerId, OrderStatus status, List<OrderLine> lines, BigDecimal total,
                        String currency, PaymentMethodType paymentMethod, PaymentId paymentId, String paymentStatus,
                        ShippingAddress shippingAddress, RejectionReason rejectionReason, String rejectionDetail,
                        Instant placedAt, Instant updatedAt, List<OrderStepView> timeline) {

    public OrderView {
        lines = List.copyOf(lines);
        timeline = List.copyOf(timeline);
    }
}
