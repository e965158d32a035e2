package io.sagashop.order.audit;

import io.sagashop.catalog.api.OpenReservationView;
import io.sagashop.catalog.api.StockLevelsView;
import io.sagashop.order.api.AuditReportView;
import io.sagashop.order.api.AuditViolationView;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.payment.api.PaymentView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The invariants of docs/saga.md ("Invariants") (1–4) as a pure function of what the services report; no I/O,
 * so every rule is tested on plain data. Money taken for an order is what the payment service
 * says was captured and not refunded ({@code PaymentView.netAmount()}).
 */
final class ConsistencyRules {

    static final String CONFIRMED_ORDER_PAID_ONCE = "confirmed-order-paid-once";
    static final String UNSUCCESSFUL_ORDER_NOTHING_KEPT = "unsuccessful-order-nothing-kept";
    static final String STOCK_BALANCED = "stock-balanced";
    static final String NO_RESERVATION_FOR_FINISHED_ORDER = "no-reservation-for-finished-order";
    static final String SAGA_WITHIN_DEADLINE = "saga-within-deadline";
    static final String ORDER_REACHES_FINAL_STATE = "order-reaches-final-state";

    static final List<String> INVARIANTS = List.of(CONFIRMED_ORDER_PAID_ONCE, UNSUCCESSFUL_ORDER_NOTHING_KEPT,
            STOCK_BALANCED, NO_RESERVATION_FOR_FINISHED_ORDER, SAGA_WITHIN_DEADLINE, ORDER_REACHES_FINAL_STATE);

    private final Duration deadline;
    private final Duration grace;

    ConsistencyRules(Duration deadline, Duration grace) {
        this.deadline = deadline;
        this.grace = grace;
    }

    AuditReportView check(AuditInput input, Instant now, int maxViolations) {
        List<AuditViolationView> found = new ArrayList<>();
        Map<String, List<PaymentView>> paymentsByOrder = input.payments().stream()
                .collect(Collectors.groupingBy(PaymentView::orderId));
        Map<String, OrderView> ordersById = input.orders().stream()
                .collect(Collectors.toMap(view -> view.orderId().value(), Function.identity(), (a, b) -> a));
        for (OrderView order : input.orders()) {
            List<PaymentView> payments = paymentsByOrder.getOrDefault(order.orderId().value(), List.of());
            switch (order.status()) {
                case CONFIRMED -> confirmedPaidOnce(order, payments, found);
                case REJECTED, CANCELLED -> nothingKept(order, payments, found);
                default -> reachesFinalState(order, now, found);
            }
        }
        for (StockLevelsView level : input.stock().levels()) {
            stockBalanced(level, found);
            for (OpenReservationView reservation : level.openReservations()) {
                OrderView holder = ordersById.get(reservation.orderId());
                if (holder != null && holder.status().isFinal()) {
                    found.add(new AuditViolationView(NO_RESERVATION_FOR_FINISHED_ORDER,
                            reservation.quantity() + " units of " + level.productId() + " still reserved for "
                                    + holder.status() + " order " + holder.orderId(),
                            holder.orderId().value(), null, level.productId().value()));
                }
            }
        }
        for (SagaSummaryView saga : input.stuckSagas()) {
            sagaWithinDeadline(saga, now, found);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        INVARIANTS.forEach(name -> counts.put(name, 0));
        found.forEach(violation -> counts.merge(violation.invariant(), 1, Integer::sum));
        return new AuditReportView(now, input.orders().size(), input.payments().size(),
                input.stock().levels().size(), found.stream().limit(maxViolations).toList(), counts);
    }

    private static void confirmedPaidOnce(OrderView order, List<PaymentView> payments, List<AuditViolationView> found) {
        List<PaymentView> kept = payments.stream().filter(p -> p.netAmount().signum() != 0).toList();
        String orderId = order.orderId().value();
        if (kept.isEmpty()) {
            found.add(new AuditViolationView(CONFIRMED_ORDER_PAID_ONCE,
                    "confirmed order " + orderId + " of " + money(order.total(), order.currency())
                            + " has no captured payment", orderId, paymentIdOf(order), null));
        } else if (kept.size() > 1) {
            kept.forEach(p -> found.add(new AuditViolationView(CONFIRMED_ORDER_PAID_ONCE,
                    "confirmed order " + orderId + " has " + kept.size() + " payments keeping money; "
                            + p.paymentId() + " keeps " + money(p.netAmount(), p.currency()), orderId,
                    p.paymentId().value(), null)));
        } else {
            PaymentView payment = kept.get(0);
            if (payment.netAmount().compareTo(order.total()) != 0 || !payment.currency().equals(order.currency())) {
                found.add(new AuditViolationView(CONFIRMED_ORDER_PAID_ONCE,
                        "confirmed order " + orderId + " totals " + money(order.total(), order.currency())
                                + " but payment " + payment.paymentId() + " keeps "
                                + money(payment.netAmount(), payment.currency()),
                        orderId, payment.paymentId().value(), null));
            }
        }
    }

    private static void nothingKept(OrderView order, List<PaymentView> payments, List<AuditViolationView> found) {
        for (PaymentView payment : payments) {
            if (payment.netAmount().signum() != 0) {
                found.add(new AuditViolationView(UNSUCCESSFUL_ORDER_NOTHING_KEPT,
                        order.status() + " order " + order.orderId() + " still has "
                                + money(payment.netAmount(), payment.currency()) + " taken by payment "
                                + payment.paymentId() + " (" + payment.status() + ")",
                        order.orderId().value(), payment.paymentId().value(), null));
            }
        }
    }

    private void reachesFinalState(OrderView order, Instant now, List<AuditViolationView> found) {
        Instant due = order.placedAt().plus(deadline).plus(grace);
        if (now.isAfter(due)) {
            found.add(new AuditViolationView(ORDER_REACHES_FINAL_STATE,
                    "order " + order.orderId() + " is still " + order.status() + " "
                            + Duration.between(order.placedAt(), now).toSeconds() + " s after it was placed (deadline "
                            + deadline.toSeconds() + " s, grace " + grace.toSeconds() + " s)",
                    order.orderId().value(), paymentIdOf(order), null));
        }
    }

    private static void stockBalanced(StockLevelsView level, List<AuditViolationView> found) {
        if (!level.balanced()) {
            found.add(new AuditViolationView(STOCK_BALANCED,
                    "product " + level.productId() + " received " + level.received() + " but available "
                            + level.available() + " + reserved " + level.reserved() + " + sold " + level.sold()
                            + " = " + (level.available() + level.reserved() + level.sold()),
                    null, null, level.productId().value()));
        }
    }

    private void sagaWithinDeadline(SagaSummaryView saga, Instant now, List<AuditViolationView> found) {
        boolean running = saga.state() == SagaState.ACTIVE || saga.state() == SagaState.STUCK;
        if (running && saga.dueAt() != null && now.isAfter(saga.dueAt().plus(grace))) {
            found.add(new AuditViolationView(SAGA_WITHIN_DEADLINE,
                    "saga " + saga.sagaId() + " of order " + saga.key() + " is still at " + saga.currentStep()
                            + ", its deadline passed at " + saga.dueAt(),
                    saga.key(), null, null));
        } else if (running && now.isAfter(saga.lastActivityAt().plus(grace))
                && (saga.pendingDeadlines().isEmpty() || saga.dueAt() == null)) {
            // A saga without an order deadline (a cancellation, a refund) or without any deadline
            // pending that made no progress: nothing it waits for is answering.
            found.add(new AuditViolationView(SAGA_WITHIN_DEADLINE,
                    "saga " + saga.sagaId() + " of order " + saga.key() + " is still at " + saga.currentStep()
                            + " without progress since " + saga.lastActivityAt()
                            + (saga.pendingDeadlines().isEmpty() ? " and with no deadline pending" : ", only resending"),
                    saga.key(), null, null));
        }
    }

    private static String paymentIdOf(OrderView order) {
        return order.paymentId() == null ? null : order.paymentId().value();
    }

    private static String money(BigDecimal amount, String currency) {
        return amount.toPlainString() + " " + currency;
    }
}
