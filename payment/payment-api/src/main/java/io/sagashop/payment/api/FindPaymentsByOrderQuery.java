package io.sagashop.payment.api;

/**
 * Asks for every payment of one order, oldest first; answered with a
 * {@link PaymentListView}.
 *
 * @param orderId the order
 */
public record FindPaymentsByOrderQuery(String orderId) {
}
