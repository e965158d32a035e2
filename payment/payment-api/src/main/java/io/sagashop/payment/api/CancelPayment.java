package io.sagashop.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cancels a payment whatever its state: a payment not captured is voided, a captured one is
 * refunded through its gateway, a declined or already reversed one stays as it is. The saga's
 * compensation for a failed or expired order.
 *
 * @param paymentId the payment
 * @param reason    why, for the record
 */
public record CancelPayment(@TargetAggregateIdentifier PaymentId paymentId, String reason) {
}
