package io.sagashop.order.api;

import io.sagashop.payment.api.PaymentId;
import java.math.BigDecimal;

/**
 * Payment for the order was requested.
 *
 * @param orderId   the order
 * @param paymentId the payment
 * @param amount    the amount requested (the order total)
 * @param currency  ISO 4217 code
 */
public record OrderPaymentPending(OrderId orderId, PaymentId paymentId, BigDecimal amount, String currency) {
}
