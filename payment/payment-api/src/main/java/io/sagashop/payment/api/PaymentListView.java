package io.sagashop.payment.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer to {@link FindPaymentsByOrderQuery} and {@link FindAllPaymentsQuery}. A record
 * rather than a bare list: Jackson cannot tell a list's element type once it has crossed Axon
 * Server, so list answers are wrapped (ask with {@code ResponseTypes.instanceOf(PaymentListView.class)}).
 *
 * @param payments the payments found, oldest first
 */
public record PaymentListView(List<PaymentView> payments) {

    public PaymentListView {
        payments = List.copyOf(payments);
    }

    /** Money taken and not given back, per order id: what the audit checks against each order. */
    public Map<String, BigDecimal> netAmountByOrder() {
        Map<String, BigDecimal> net = new TreeMap<>();
        payments.forEach(p -> net.merge(p.orderId(), p.netAmount(), BigDecimal::add));
        return net;
    }
}
