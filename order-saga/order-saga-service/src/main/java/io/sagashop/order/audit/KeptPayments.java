package io.sagashop.order.audit;

import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The payments that keep money (captured and not fully refunded), by order: all the audit needs of
 * the payments to check invariants 1 and 2. A payment that keeps nothing (declined, voided,
 * refunded) can break neither, so only its count is kept. The audit reads every payment before the
 * first order, and this is what it holds meanwhile: a few fields per paying order rather than
 * every payment view, whose memory grew with history until, at about 140 000 orders, the views of
 * orders and payments filled the order service's heap (docs/performance.md).
 */
final class KeptPayments {

    /** A payment keeping money: its id, what it keeps and its status, for the violation's words. */
    record Kept(String paymentId, BigDecimal net, String currency, PaymentStatus status) {
    }

    private final Map<String, List<Kept>> byOrder = new HashMap<>();
    private int seen;

    void add(PaymentView payment) {
        seen++;
        BigDecimal net = payment.netAmount();
        if (net.signum() == 0) {
            return;
        }
        Kept kept = new Kept(payment.paymentId().value(), net, payment.currency(), payment.status());
        byOrder.merge(payment.orderId(), List.of(kept), KeptPayments::both);
    }

    /** The payments keeping money for this order, forgotten here: each order is checked once. */
    List<Kept> take(String orderId) {
        List<Kept> found = byOrder.remove(orderId);
        return found == null ? List.of() : found;
    }

    /** Every payment added, keeping money or not. */
    int seen() {
        return seen;
    }

    private static List<Kept> both(List<Kept> earlier, List<Kept> later) {
        List<Kept> all = new ArrayList<>(earlier);
        all.addAll(later);
        return all;
    }
}
