package io.sagashop.payment.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payment as the query side knows it.
 *
 * @param paymentId        the payment
 * @param orderId          the order it is for
 * @param customerId       the paying customer
 * @param amount           the amount requested
 * @param currency         ISO 4217 code
 * @param methodType       card or wallet
 * @param status           where it stands
 * @param capturedAmount   money taken (zero until captured)
 * @param refundedAmount   money given back (zero until refunded)
 * @param gateway          the gateway that answered, or {@code null} before that
 * @param gatewayReference the gateway's charge id, or {@code null}
 * @param declineReason    the decline code when declined, else {@code null}
 * @param requestedAt      when it was requested
 * @param updatedAt        when it last changed
 */
public record PaymentView(
        PaymentId paymentId,
        String orderId,
        String customerId,
        BigDecimal amount,
        String currency,
        PaymentMethodType methodType,
        PaymentStatus status,
        BigDecimal capturedAmount,
        BigDecimal refundedAmount,
        String gateway,
        String gatewayReference,
        String declineReason,
        Instant requestedAt,
        Instant updatedAt) {

    /** Money taken and not given back: what the audit checks per order. */
    public BigDecimal netAmount() {
        return capturedAmount.subtract(refundedAmount);
    }
}
