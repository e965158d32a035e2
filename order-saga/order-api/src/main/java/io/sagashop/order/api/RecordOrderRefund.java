package io.sagashop.order.api;

import io.sagashop.payment.api.PaymentId;
import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the saga when the payment service reports the order's payment refunded.
 *
 * @param orderId   the order
 * @param paymentId the refunded payment
 * @param amount    the amount given back
 * @param currency  ISO 4217 code
 */
public record RecordOrderRefund(@TargetAggregateIdentifier OrderId orderId, PaymentId paymentId, BigDecimal amount, String currency) {
}
