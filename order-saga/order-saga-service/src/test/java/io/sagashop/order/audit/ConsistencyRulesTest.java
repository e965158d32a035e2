package io.sagashop.order.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sagashop.catalog.api.OpenReservationView;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.StockLevelsListView;
import io.sagashop.catalog.api.StockLevelsView;
import io.sagashop.order.api.AuditReportView;
import io.sagashop.order.api.AuditViolationView;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethodType;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistencyRulesTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final ConsistencyRules RULES = new ConsistencyRules(Duration.ofSeconds(30), Duration.ofSeconds(30));

    @Test
    void aConsistentSystemHasNoViolationsAndEveryInvariantIsCounted() {
        AuditReportView report = check(List.of(order("o-1", OrderStatus.CONFIRMED, "10.00", NOW.minusSeconds(600)),
                        order("o-2", OrderStatus.CANCELLED, "5.00", NOW.minusSeconds(600)),
                        order("o-3", OrderStatus.PLACED, "5.00", NOW.minusSeconds(10))),
                List.of(payment("p-1", "o-1", "10.00", "0"), payment("p-2", "o-2", "5.00", "5.00")),
                List.of(stock("kettle", 10, 8, 1, 1, new OpenReservationView("o-3", 1))), List.of());

        assertThat(report.clean()).isTrue();
        assertThat(report.violationsByInvariant()).containsOnlyKeys(ConsistencyRules.INVARIANTS)
                .allSatisfy((name, count) -> assertThat(count).isZero());
        assertThat(report.orders()).isEqualTo(3);
        assertThat(report.payments()).isEqualTo(2);
        assertThat(report.products()).isEqualTo(1);
    }

    @Test
    void aConfirmedOrderWithoutPaymentWithTwoOrWithTheWrongAmountIsReported() {
        AuditReportView report = check(List.of(order("none", OrderStatus.CONFIRMED, "10.00", NOW),
                        order("twice", OrderStatus.CONFIRMED, "10.00", NOW),
                        order("short", OrderStatus.CONFIRMED, "10.00", NOW)),
                List.of(payment("p-1", "twice", "10.00", "0"), payment("p-2", "twice", "10.00", "0"),
                        payment("p-3", "short", "9.99", "0")), List.of(), List.of());

        assertThat(report.violationsByInvariant()).containsEntry(ConsistencyRules.CONFIRMED_ORDER_PAID_ONCE, 4);
        assertThat(report.violations()).extracting(AuditViolationView::orderId, AuditViolationView::paymentId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("none", null),
                        org.assertj.core.groups.Tuple.tuple("twice", "p-1"), org.assertj.core.groups.Tuple.tuple("twice", "p-2"),
                        org.assertj.core.groups.Tuple.tuple("short", "p-3"));
    }

    @Test
    void aRejectedOrCancelledOrderKeepingMoneyIsReported() {
        AuditReportView report = check(List.of(order("r", OrderStatus.REJECTED, "10.00", NOW),
                        order("c", OrderStatus.CANCELLED, "10.00", NOW)),
                List.of(payment("p-r", "r", "10.00", "0"), payment("p-c", "c", "10.00", "4.00")), List.of(), List.of());

        assertThat(report.violations()).extracting(AuditViolationView::invariant, AuditViolationView::orderId,
                AuditViolationView::paymentId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ConsistencyRules.UNSUCCESSFUL_ORDER_NOTHING_KEPT, "r", "p-r"),
                org.assertj.core.groups.Tuple.tuple(ConsistencyRules.UNSUCCESSFUL_ORDER_NOTHING_KEPT, "c", "p-c"));
    }

    @Test
    void unbalancedStockAndReservationsOfFinishedOrdersAreReported() {
        AuditReportView report = check(List.of(order("done", OrderStatus.REJECTED, "1.00", NOW),
                        order("busy", OrderStatus.PAYMENT_PENDING, "1.00", NOW)), List.of(),
                List.of(stock("kettle", 10, 9, 0, 0), stock("teapot", 10, 8, 2, 0,
                        new OpenReservationView("done", 1), new OpenReservationView("busy", 1))), List.of());

        assertThat(report.violations()).extracting(AuditViolationView::invariant, AuditViolationView::orderId,
                AuditViolationView::productId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ConsistencyRules.STOCK_BALANCED, null, "kettle"),
                org.assertj.core.groups.Tuple.tuple(ConsistencyRules.NO_RESERVATION_FOR_FINISHED_ORDER, "done", "teapot"));
    }

    @Test
    void anUnfinishedOrderIsReportedOnlyPastItsDeadlinePlusGrace() {
        AuditReportView report = check(List.of(order("young", OrderStatus.PLACED, "1.00", NOW.minusSeconds(59)),
                order("old", OrderStatus.STOCK_RESERVED, "1.00", NOW.minusSeconds(61))), List.of(), List.of(), List.of());

        assertThat(report.violations()).extracting(AuditViolationView::invariant, AuditViolationView::orderId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ConsistencyRules.ORDER_REACHES_FINAL_STATE, "old"));
    }

    @Test
    void aRunningSagaPastItsDeadlinePlusGraceIsReported() {
        AuditReportView report = check(List.of(), List.of(), List.of(), List.of(
                saga("late", SagaState.STUCK, NOW.minusSeconds(31)),
                saga("slow-but-in-time", SagaState.STUCK, NOW.minusSeconds(29)),
                saga("ended", SagaState.ENDED_BY_OPERATOR, NOW.minusSeconds(600))));

        assertThat(report.violations()).extracting(AuditViolationView::invariant, AuditViolationView::orderId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ConsistencyRules.SAGA_WITHIN_DEADLINE, "late"));
    }

    @Test
    void aRunningSagaWithoutProgressAndWithoutADeadlineOrWithoutAnOrderDeadlineIsReported() {
        SagaSummaryView noDeadline = new SagaSummaryView("OrderSaga", "saga-a", "order-saga", "no-deadline", SagaState.STUCK, "REFUNDING",
                NOW.minusSeconds(60), NOW.minusSeconds(31), null, List.of(), List.of());
        SagaSummaryView onlyResending = new SagaSummaryView("OrderSaga", "saga-b", "order-saga", "only-resending", SagaState.STUCK, "REFUNDING",
                NOW.minusSeconds(90), NOW.minusSeconds(61), null,
                List.of(new io.sagashop.inspection.api.PendingDeadlineView("step-deadline", "d-b", NOW.plusSeconds(5))), List.of());
        SagaSummaryView quietButRecent = new SagaSummaryView("OrderSaga", "saga-c", "order-saga", "recent", SagaState.STUCK, "REFUNDING",
                NOW.minusSeconds(30), NOW.minusSeconds(29), null, List.of(), List.of());

        AuditReportView report = check(List.of(), List.of(), List.of(), List.of(noDeadline, onlyResending, quietButRecent));

        assertThat(report.violations()).extracting(AuditViolationView::invariant, AuditViolationView::orderId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(ConsistencyRules.SAGA_WITHIN_DEADLINE, "no-deadline"),
                        org.assertj.core.groups.Tuple.tuple(ConsistencyRules.SAGA_WITHIN_DEADLINE, "only-resending"));
    }

    @Test
    void theListIsCappedButTheCountsCoverEverything() {
        AuditReportView report = RULES.start(NOW, 2).stock(new StockLevelsListView(List.of(stock("a", 1, 0, 0, 0),
                stock("b", 1, 0, 0, 0), stock("c", 1, 0, 0, 0)))).report();

        assertThat(report.violations()).hasSize(2);
        assertThat(report.violationsByInvariant()).containsEntry(ConsistencyRules.STOCK_BALANCED, 3);
    }

    @Test
    void ordersAndPaymentsMayComeInPiecesButEveryPaymentAndTheStockBeforeTheFirstOrder() {
        ConsistencyRules.Check check = RULES.start(NOW, 1000)
                .payments(List.of(payment("p-a", "a", "10.00", "0")))
                .stock(new StockLevelsListView(List.of(stock("kettle", 2, 0, 2, 0,
                        new OpenReservationView("late", 1), new OpenReservationView("busy", 1)))))
                .payments(List.of(payment("p-b", "b", "10.00", "0"), payment("p-c", "c", "5.00", "5.00")))
                .orders(List.of(order("a", OrderStatus.CONFIRMED, "10.00", NOW)))
                .orders(List.of(order("b", OrderStatus.CONFIRMED, "10.00", NOW), order("c", OrderStatus.CONFIRMED, "5.00", NOW),
                        order("busy", OrderStatus.PAYMENT_PENDING, "1.00", NOW)))
                .orders(List.of(order("late", OrderStatus.REJECTED, "1.00", NOW)));

        assertThatThrownBy(() -> check.payments(List.of(payment("p-d", "d", "1.00", "0"))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> check.stock(new StockLevelsListView(List.of()))).isInstanceOf(IllegalStateException.class);
        AuditReportView report = check.report();
        assertThat(report.orders()).isEqualTo(5);
        assertThat(report.payments()).isEqualTo(3);
        // a and b found their payments across pieces; c's was refunded in full; the reservation
        // held for the rejected order came through the stock figures given first.
        assertThat(report.violations()).extracting(AuditViolationView::invariant, AuditViolationView::orderId,
                AuditViolationView::paymentId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ConsistencyRules.CONFIRMED_ORDER_PAID_ONCE, "c", null),
                org.assertj.core.groups.Tuple.tuple(ConsistencyRules.NO_RESERVATION_FOR_FINISHED_ORDER, "late", null));
    }

    @Test
    void aPaymentKeepingNothingIsCountedButNotHeldAndAHeldOneIsTakenOnce() {
        KeptPayments payments = new KeptPayments();
        payments.add(payment("p-1", "o-1", "10.00", "10.00"));
        payments.add(payment("p-2", "o-2", "10.00", "0"));
        payments.add(payment("p-3", "o-2", "10.00", "2.50"));

        assertThat(payments.seen()).isEqualTo(3);
        assertThat(payments.take("o-1")).isEmpty();
        assertThat(payments.take("o-2")).extracting(KeptPayments.Kept::paymentId, KeptPayments.Kept::net)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p-2", new BigDecimal("10.00")),
                        org.assertj.core.groups.Tuple.tuple("p-3", new BigDecimal("7.50")));
        assertThat(payments.take("o-2")).isEmpty();
    }

    @Test
    void violationsPastTheCapAreCountedNotListed() {
        Violations violations = new Violations(ConsistencyRules.INVARIANTS, 1);
        violations.add(new AuditViolationView(ConsistencyRules.STOCK_BALANCED, "first", null, null, "a"));
        violations.add(new AuditViolationView(ConsistencyRules.STOCK_BALANCED, "second", null, null, "b"));

        assertThat(violations.listed()).extracting(AuditViolationView::description).containsExactly("first");
        assertThat(violations.counts()).containsEntry(ConsistencyRules.STOCK_BALANCED, 2)
                .containsEntry(ConsistencyRules.SAGA_WITHIN_DEADLINE, 0);
    }

    private static AuditReportView check(List<OrderView> orders, List<PaymentView> payments, List<StockLevelsView> stock,
                                         List<SagaSummaryView> stuck) {
        return RULES.start(NOW, 1000).stock(new StockLevelsListView(stock)).payments(payments).orders(orders)
                .stuckSagas(stuck).report();
    }

    static OrderView order(String id, OrderStatus status, String total, Instant placedAt) {
        return new OrderView(OrderId.of(id), "alice", status, List.of(), new BigDecimal(total), "EUR",
                PaymentMethodType.CARD, null, null, null, null, null, placedAt, placedAt, List.of());
    }

    static PaymentView payment(String id, String orderId, String captured, String refunded) {
        return new PaymentView(PaymentId.of(id), orderId, "alice", new BigDecimal(captured), "EUR", PaymentMethodType.CARD,
                PaymentStatus.CAPTURED, new BigDecimal(captured), new BigDecimal(refunded), "card", "r", null, NOW, NOW);
    }

    static StockLevelsView stock(String product, int received, int available, int reserved, int sold,
                                 OpenReservationView... open) {
        return new StockLevelsView(ProductId.of(product), product.toUpperCase(), received, available, reserved, sold, List.of(open));
    }

    static SagaSummaryView saga(String orderId, SagaState state, Instant deadline) {
        return new SagaSummaryView("OrderSaga", "saga-" + orderId, "order-saga", orderId, state, "RESERVING_STOCK", NOW.minusSeconds(700),
                NOW.minusSeconds(600), deadline, List.of(new io.sagashop.inspection.api.PendingDeadlineView("order-deadline", "d-" + orderId,
                deadline)), List.of());
    }
}
