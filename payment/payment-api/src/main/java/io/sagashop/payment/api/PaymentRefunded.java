package io.sagashop.payment.api;

import java.math.BigDecimal;

/**
 * The money was given back; net money taken for this payment is zero.
 *
 * @param paymentId       the payment
 * @param orderId         the order it was for
 * @param amount          the amount given back
 * @param currency        ISO 4217 code
 * @param refundReference the gateway's id of the refund
 */
public record PaymentRefunded(
        PaymentId paymentId,
        String orderId,
        BigDecimal amount,
        String currency,
        String refundReference) {
}
