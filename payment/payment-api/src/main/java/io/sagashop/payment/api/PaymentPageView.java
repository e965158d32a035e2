package io.sagashop.payment.api;

import java.util.List;

/**
 * One page of payments, the answer to {@link FindPaymentsPageQuery}.
 *
 * @param payments  the payments of this page, in payment id order
 * @param nextAfter where the next page starts ({@link FindPaymentsPageQuery#after}): the last
 *                  payment id of this page when more payments follow, {@code null} when this page
 *                  is the last one — also when it is full, so nobody asks an empty page to learn that
 */
public record PaymentPageView(List<PaymentView> payments, PaymentId nextAfter) {

    public PaymentPageView {
        payments = List.copyOf(payments);
    }

    /** No page follows this one. */
    public boolean last() {
        return nextAfter == null;
    }
}
