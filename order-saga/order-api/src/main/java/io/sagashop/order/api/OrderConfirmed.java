package io.sagashop.order.api;

import io.sagashop.payment.api.PaymentId;
import java.math.BigDecimal;
import java.util.List;

/**
 * The order is paid and its stock sold. Final unless the customer later cancels it.
 *
 * @param orderId    the order
 * @param customerId who placed it
 * @param lines      what was bought
 * @param total      the amount captured
 * @param currency   ISO 4217 code
 * @param paymentId  the captured payment
 */
public record OrderConfirmed(OrderId orderId, String customerId, List<OrderLine> lines, BigDecimal total, String currency,
                             PaymentId paymentId) {

    public OrderConfirmed {
        lines = List.copyOf(lines);
    }
}
