package io.sagashop.payment.api;

import java.util.List;

/**
 * The answer to {@link FindPaymentsByOrderQuery}. A record rather than a bare list: Jackson
 * cannot tell a list's element type once it has crossed Axon Server, so list answers are wrapped
 * (ask with {@code ResponseTypes.instanceOf(PaymentListView.class)}).
 *
 * @param payments the payments found, oldest first
 */
public record PaymentListView(List<PaymentView> payments) {

    public PaymentListView {
        payments = List.copyOf(payments);
    }
}
