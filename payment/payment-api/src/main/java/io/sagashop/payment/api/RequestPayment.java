package io.sagashop.payment.api;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks for a payment; answered with the payment's {@link PaymentStatus}. Sending the same
 * command again answers the current status and changes nothing; the same id with different
 * details is refused.
 *
 * @param paymentId  the new payment's id, chosen by the caller (the idempotency key)
 * @param orderId    the order the payment is for
 * @param customerId the paying customer
 * @param amount     the amount to charge, greater than zero
 * @param currency   ISO 4217 code, e.g. {@code EUR}
 * @param method     card or wallet, with its token
 */
public record RequestPayment(
        @TargetAggregateIdentifier PaymentId paymentId,
        String orderId,
        String customerId,
        BigDecimal amount,
        String currency,
        PaymentMethod method) {
}
