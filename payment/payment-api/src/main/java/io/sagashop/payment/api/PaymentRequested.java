package io.sagashop.payment.api;

import java.math.BigDecimal;

/**
 * A payment was requested; the gateway handler now charges it.
 *
 * @param paymentId  the payment (and idempotency key)
 * @param orderId    the order it is for
 * @param customerId the paying customer
 * @param amount     the amount to charge
 * @param currency   ISO 4217 code
 * @param method     card or wallet, with its token
 */
public record PaymentRequested(
        PaymentId paymentId,
        String orderId,
        String customerId,
        BigDecimal amount,
        String currency,
        PaymentMethod method) {
}
