package io.sagashop.payment.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cancels a payment whatever its state: a payment not captured is voided, a captured one is
 * refunded through its gateway, a declined or already reversed one stays as it is. The saga's
 * compensation for a failed or expired order.
 *
 * <p>With its order given (as the saga sends it), a cancellation that arrives before the payment
 * was ever requested voids the payment id anyway: the saga's {@code RequestPayment} may still be
 * on its way (it could not be delivered, say, while the hub was down), and must then be refused
 * rather than charge an order that was given up. Without an order (an operator's cancellation of
 * a payment by id) an unknown payment is simply not found.
 *
 * @param paymentId the payment
 * @param reason    why, for the record
 * @param orderId   the order the payment is for, or {@code null}
 */
public record CancelPayment(@TargetAggregateIdentifier PaymentId paymentId, String reason, String orderId) {

    /** A cancellation of an existing payment only (404 for an unknown one). */
    public CancelPayment(PaymentId paymentId, String reason) {
        this(paymentId, reason, null);
    }
}
