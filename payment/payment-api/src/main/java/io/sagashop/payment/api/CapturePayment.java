package io.sagashop.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that a gateway took the money; sent by the payment service's own gateway handler.
 *
 * @param paymentId        the payment
 * @param gateway          the gateway that captured it, e.g. {@code card}
 * @param gatewayReference the gateway's id of the charge, needed to refund it
 */
public record CapturePayment(
        @TargetAggregateIdentifier PaymentId paymentId,
        String gateway,
        String gatewayReference) {
}
