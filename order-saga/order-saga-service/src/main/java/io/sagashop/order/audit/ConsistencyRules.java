package io.sagashop.order.audit;

import io.sagashop.catalog.api.OpenReservationView;
import io.sagashop.catalog.api.StockLevelsListView;
import io.sagashop.catalog.api.StockLevelsView;
import io.sagashop.order.api.AuditReportView;
import io.sagashop.order.api.AuditViolationView;
import io.sagashop.order.api.OrderView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.payment.api.PaymentView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The invariants of docs/saga.md ("Invariants") (1–4) as a pure function of what the services report; no I/O,
 * so every rule is tested on plain data. Money taken for an order is what the payment service
 * says was captured and not refunded ({@code PaymentView.netAmount()}).
 *
 * <p>An audit is fed piece by piece ({@link Check}), as the pages come: it keeps what the
 * invariants need of the payments ({@link KeptPayments}) and the open reservations, checks each
 * order as it arrives and forgets it, and lists at most a given number of violations
 * ({@link Violations}). So its memory grows with the paying orders, a few fields each, not with
 * every view of history.
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

    /**
     * Starts an audit. Then give it the stock figures ({@link Check#stock}) and every payment
     * ({@link Check#payments}), the payments in as many pieces as they come, then every order
     * ({@link Check#orders}) likewise, and the stuck sagas; {@link Check#report} ends it.
     */
    Check start(Instant now, int maxViolations) {
        return new Check(now, maxViolations);
    }

    /** One audit in progress: it holds the violations so far and what the orders still to come need. */
    final class Check {

        private final Instant now;
        private final Violations found;
        private final KeptPayments payments = new KeptPayments();
        /** The open reservations by the order holding them: orders in progress only (see ConsistencyAudit). */
        private final Map<String, List<Reserved>> reservedByOrder = new HashMap<>();
        private int products;
        private int orders;

        private Check(Instant now, int maxViolations) {
            this.now = now;
            this.found = new Violations(INVARIANTS, maxViolations);
        }

        /** Every product's stock figures, checked at once; before the first order. */
        Check stock(StockLevelsListView stock) {
            requireNoOrderYet("the stock figures");
            products += stock.levels().size();
            for (StockLevelsView level : stock.levels()) {
                stockBalanced(level, found);
                for (OpenReservationView reservation : level.openReservations()) {
                    reservedByOrder.computeIfAbsent(reservation.orderId(), id -> new ArrayList<>())
                            .add(new Reserved(level.productId().value(), reservation.quantity()));
                }
            }
            return this;
        }

        /** Some of the payments; all of them must come before the first order. */
        Check payments(List<PaymentView> page) {
            requireNoOrderYet("every payment");
            page.forEach(payments::add);
            return this;
        }

        private void requireNoOrderYet(String what) {
            if (orders > 0) {
                throw new IllegalStateException(what + " must be given before the first order");
            }
        }

        /** Some of the orders, each checked against the payments and reservations given before. */
        Check orders(List<OrderView> page) {
            for (OrderView order : page) {
                orders++;
                List<KeptPayments.Kept> kept = payments.take(order.orderId().value());
                switch (order.status()) {
                    case CONFIRMED -> confirmedPaidOnce(order, kept, found);
                    case REJECTED, CANCELLED -> nothingKept(order, kept, found);
                    default -> reachesFinalState(order, now, found);
                }
                List<Reserved> reserved = reservedByOrder.remove(order.orderId().value());
                if (reserved != null && order.status().isFinal()) {
                    reserved.forEach(r -> found.add(new AuditViolationView(NO_RESERVATION_FOR_FINISHED_ORDER,
                            r.quantity() + " units of " + r.productId() + " still reserved for " + order.status()
                                    + " order " + order.orderId(), order.orderId().value(), null, r.productId())));
                }
            }
            return this;
        }

        Check stuckSagas(List<SagaSummaryView> stuck) {
            stuck.forEach(saga -> sagaWithinDeadline(saga, now, found));
            return this;
        }

        AuditReportView report() {
            return new AuditReportView(now, orders, payments.seen(), products, found.listed(), found.counts());
        }
    }

    private record Reserved(String productId, int quantity) {
    }

    private static void confirmedPaidOnce(OrderView order, List<KeptPayments.Kept> kept, Violations found) {
        String orderId = order.orderId().value();
        if (kept.isEmpty()) {
            found.add(new AuditViolationView(CONFIRMED_ORDER_PAID_ONCE,
                    "confirmed order " + orderId + " of " + money(order.total(), order.currency())
                            + " has no captured payment", orderId, paymentIdOf(order), null));
        } else if (kept.size() > 1) {
            kept.forEach(p -> found.add(new AuditViolationView(CONFIRMED_ORDER_PAID_ONCE,
                    "confirmed order " + orderId + " has " + kept.size() + " payments keeping money; "
                            + p.paymentId() + " keeps " + money(p.net(), p.currency()), orderId,
                    p.paymentId(), null)));
        } else {
            KeptPayments.Kept payment = kept.get(0);
            if (payment.net().compareTo(order.total()) != 0 || !payment.currency().equals(order.currency())) {
                found.add(new AuditViolationView(CONFIRMED_ORDER_PAID_ONCE,
                        "confirmed order " + orderId + " totals " + money(order.total(), order.currency())
                                + " but payment " + payment.paymentId() + " keeps "
                                + money(payment.net(), payment.currency()),
                        orderId, payment.paymentId(), null));
            }
        }
    }

    private static void nothingKept(OrderView order, List<KeptPayments.Kept> kept, Violations found) {
        for (KeptPayments.Kept payment : kept) {
            found.add(new AuditViolationView(UNSUCCESSFUL_ORDER_NOTHING_KEPT,
                    order.status() + " order " + order.orderId() + " still has "
                            + money(payment.net(), payment.currency()) + " taken by payment "
                            + payment.paymentId() + " (" + payment.status() + ")",
                    order.orderId().value(), payment.paymentId(), null));
        }
    }

    private void reachesFinalState(OrderView order, Instant now, Violations found) {
        Instant due = order.placedAt().plus(deadline).plus(grace);
        if (now.isAfter(due)) {
            found.add(new AuditViolationView(ORDER_REACHES_FINAL_STATE,
                    "order " + order.orderId() + " is still " + order.status() + " "
                            + Duration.between(order.placedAt(), now).toSeconds() + " s after it was placed (deadline "
                            + deadline.toSeconds() + " s, grace " + grace.toSeconds() + " s)",
                    order.orderId().value(), paymentIdOf(order), null));
        }
    }

    private static void stockBalanced(StockLevelsView level, Violations found) {
        if (!level.balanced()) {
            found.add(new AuditViolationView(STOCK_BALANCED,
                    "product " + level.productId() + " received " + level.received() + " but available "
                            + level.available() + " + reserved " + level.reserved() + " + sold " + level.sold()
                            + " = " + (level.available() + level.reserved() + level.sold()),
                    null, null, level.productId().value()));
        }
    }

    private void sagaWithinDeadline(SagaSummaryView saga, Instant now, Violations found) {
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
