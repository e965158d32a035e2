package io.sagashop.payment.api;

import java.math.BigDecimal;

/**
 * The money was taken.
 *
 * @param paymentId        the payment
 * @param orderId          the order it is for
 * @param amount           the amount taken
 * @param currency         ISO 4217 code
 * @param gateway          the gateway that took it
 * @param gatewayReference the gateway's id of the charge
 */
public record PaymentCaptured(
        PaymentId paymentId,
        String orderId,
        BigDecimal amount,
        String currency,
        String gateway,
        String gatewayReference) {
}
