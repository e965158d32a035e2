package io.sagashop.payment.api;

/**
 * Asks for one payment; answered with its {@link PaymentView}, or {@code null} when there is no
 * such payment (ask with {@code ResponseTypes.optionalInstanceOf(PaymentView.class)}).
 *
 * @param paymentId the payment
 */
public record FindPaymentQuery(PaymentId paymentId) {
}
