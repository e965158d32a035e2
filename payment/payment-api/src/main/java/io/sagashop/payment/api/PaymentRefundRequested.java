package io.sagashop.payment.api;

import java.math.BigDecimal;

/**
 * A captured payment is to be given back; the refund handler now asks its gateway.
 *
 * @param paymentId        the payment (its id is also the refund's idempotency key)
 * @param orderId          the order it is for
 * @param amount           the amount to give back
 * @param currency         ISO 4217 code
 * @param gateway          the gateway that captured it, which must refund it
 * @param gatewayReference the gateway's id of the charge
 * @param reason           why
 */
public record PaymentRefundRequested(
        PaymentId paymentId,
        String orderId,
        BigDecimal amount,
        String currency,
        String gateway,
        String gatewayReference,
        String reason) {
}
