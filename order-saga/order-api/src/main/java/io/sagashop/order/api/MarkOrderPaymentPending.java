package io.sagashop.order.api;

import io.sagashop.payment.api.PaymentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the saga when it requests payment.
 *
 * @param orderId   the order
 * @param paymentId the payment it requested
 */
public record MarkOrderPaymentPending(@TargetAggregateIdentifier OrderId orderId, PaymentId paymentId) {
}
