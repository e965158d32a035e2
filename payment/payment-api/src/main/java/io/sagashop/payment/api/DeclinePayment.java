package io.sagashop.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that a gateway refused the charge; sent by the payment service's own gateway handler.
 *
 * @param paymentId the payment
 * @param gateway   the gateway that refused it
 * @param reason    the gateway's decline code, e.g. {@code insufficient_funds}
 */
public record DeclinePayment(
        @TargetAggregateIdentifier PaymentId paymentId,
        String gateway,
        String reason) {
}
