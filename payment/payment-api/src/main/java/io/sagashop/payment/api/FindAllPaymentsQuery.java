package io.sagashop.payment.api;

/**
 * Asks for all payments, optionally of one status, oldest first; answered with a
 * {@link PaymentListView}. The consistency audit checks {@link PaymentListView#netAmountByOrder()}.
 *
 * @param status only payments in this status, or {@code null} for all
 */
public record FindAllPaymentsQuery(PaymentStatus status) {

    /** Every payment. */
    public static FindAllPaymentsQuery all() {
        return new FindAllPaymentsQuery(null);
    }
}
