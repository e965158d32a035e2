package io.sagashop.order.api;

import io.sagashop.payment.api.PaymentId;
import java.math.BigDecimal;

/**
 * The money taken for the order was given back to its customer.
 *
 * @param orderId    the order
 * @param customerId who placed it
 * @param paymentId  the refunded payment
 * @param amount     the amount given back
 * @param currency   ISO 4217 code
 */
public record OrderRefunded(OrderId orderId, String customerId, PaymentId paymentId, BigDecimal amount, String currency) {
}
