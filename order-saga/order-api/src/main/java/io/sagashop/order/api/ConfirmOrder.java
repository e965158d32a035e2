package io.sagashop.order.api;

import io.sagashop.payment.api.PaymentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the saga once payment is captured and stock committed. Refused for a rejected or
 * cancelled order; a repeat on a confirmed order changes nothing.
 *
 * @param orderId   the order
 * @param paymentId the captured payment
 */
public record ConfirmOrder(@TargetAggregateIdentifier OrderId orderId, PaymentId paymentId) {
}
