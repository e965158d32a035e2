package io.sagashop.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives back the money of a captured payment, for a confirmed order cancelled later. Refused
 * when nothing was captured; a second refund of the same payment changes nothing.
 *
 * @param paymentId the payment
 * @param reason    why, for the record
 */
public record RefundPayment(@TargetAggregateIdentifier PaymentId paymentId, String reason) {
}
