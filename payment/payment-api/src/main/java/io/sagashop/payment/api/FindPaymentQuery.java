package io.sagashop.payment.api;

/**
 * Asks for one payment; answered with an optional {@link PaymentView}.
 *
 * @param paymentId the payment
 */
public record FindPaymentQuery(PaymentId paymentId) {
}
