package io.sagashop.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that the gateway gave the money back; sent by the payment service's own refund handler.
 *
 * @param paymentId       the payment
 * @param refundReference the gateway's id of the refund
 */
public record CompleteRefund(@TargetAggregateIdentifier PaymentId paymentId, String refundReference) {
}
