package io.sagashop.payment.api;

/**
 * The gateway refused the charge; no money was taken.
 *
 * @param paymentId the payment
 * @param orderId   the order it is for
 * @param gateway   the gateway that refused
 * @param reason    the decline code, e.g. {@code card_declined}, {@code insufficient_funds}
 */
public record PaymentDeclined(PaymentId paymentId, String orderId, String gateway, String reason) {
}
