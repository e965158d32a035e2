package io.sagashop.order.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.sagashop.catalog.api.FindStockLevelsQuery;
import io.sagashop.catalog.api.StockLevelsListView;
import io.sagashop.order.api.FindOrderRangeQuery;
import io.sagashop.order.api.OrderRangeView;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderView;
import io.sagashop.inspection.SagaJournalReader;
import io.sagashop.inspection.api.ConsistencyReportView;
import io.sagashop.inspection.api.FindSagasQuery;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.order.api.AuditReportView;
import io.sagashop.order.api.AuditViolationView;
import java.util.Map;
import io.sagashop.payment.api.FindPaymentsPageQuery;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentPageView;
import io.sagashop.payment.api.PaymentView;
import io.sagashop.platform.DomainError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistencyAuditTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final QueryGateway queries = mock(QueryGateway.class);
    private final SagaJournalReader sagas = mock(SagaJournalReader.class);
    private final ConsistencyAudit audit = new ConsistencyAudit(queries, sagas,
            new ConsistencyRules(Duration.ofSeconds(30), Duration.ofSeconds(30)), Clock.fixed(NOW, ZoneOffset.UTC));

    private final List<FindPaymentsPageQuery> paymentPagesAsked = new ArrayList<>();

    @BeforeEach
    void everyoneAnswers() {
        answerPayments(List.of());
        when(queries.query(any(FindStockLevelsQuery.class), eq(StockLevelsListView.class)))
                .thenReturn(CompletableFuture.completedFuture(new StockLevelsListView(List.of())));
        when(sagas.find(new FindSagasQuery(null, SagaState.STUCK, null, null, ConsistencyAudit.MAX_STUCK_SAGAS))).thenReturn(List.of());
        // 250 orders: one full page of 200, then 50.
        answerOrders(IntStream.range(0, 250).mapToObj(i -> ConsistencyRulesTest.order("o-" + i, OrderStatus.PLACED, "1.00", NOW)).toList());
    }

    @Test
    void everyOrderIsCheckedPageByPage() {
        assertThat(audit.run(1000).orders()).isEqualTo(250);
    }

    @Test
    void everyPaymentIsCheckedPageByPage() {
        // 2 100 confirmed orders, each paid once: three pages of payments (1 000, 1 000, 100). Were
        // a page left out, its orders would show as confirmed without a payment.
        int count = 2 * ConsistencyAudit.PAYMENT_PAGE + 100;
        answerOrders(IntStream.range(0, count).mapToObj(i -> ConsistencyRulesTest.order("o-" + i, OrderStatus.CONFIRMED,
                "1.00", NOW)).toList());
        answerPayments(IntStream.range(0, count).mapToObj(i -> ConsistencyRulesTest.payment("pay-%05d".formatted(i), "o-" + i,
                "1.00", "0")).toList());

        AuditReportView report = audit.run(1000);

        assertThat(report.payments()).isEqualTo(count);
        assertThat(report.orders()).isEqualTo(count);
        assertThat(report.clean()).as("every confirmed order found its payment: %s", report.violations()).isTrue();
        assertThat(paymentPagesAsked).containsExactly(FindPaymentsPageQuery.first(ConsistencyAudit.PAYMENT_PAGE),
                FindPaymentsPageQuery.first(ConsistencyAudit.PAYMENT_PAGE).after(PaymentId.of("pay-00999")),
                FindPaymentsPageQuery.first(ConsistencyAudit.PAYMENT_PAGE).after(PaymentId.of("pay-01999")));
    }

    @Test
    void everyPaymentIsReadBeforeTheFirstOrderRange() {
        answerPayments(IntStream.range(0, ConsistencyAudit.PAYMENT_PAGE + 1).mapToObj(i -> ConsistencyRulesTest.payment(
                "pay-%05d".formatted(i), "o-" + i, "1.00", "0")).toList());

        audit.run(1000);

        org.mockito.InOrder order = org.mockito.Mockito.inOrder(queries);
        order.verify(queries, org.mockito.Mockito.times(2)).query(any(FindPaymentsPageQuery.class), eq(PaymentPageView.class));
        order.verify(queries, org.mockito.Mockito.times(2)).query(any(FindOrderRangeQuery.class), eq(OrderRangeView.class));
        order.verifyNoMoreInteractions();
    }

    @Test
    void aPaymentServiceThatStopsAnsweringAfterTheFirstPageFailsTheAuditWith503() {
        when(queries.query(any(FindPaymentsPageQuery.class), eq(PaymentPageView.class))).thenAnswer(invocation ->
                invocation.<FindPaymentsPageQuery>getArgument(0).afterPaymentId() == null
                        ? CompletableFuture.completedFuture(new PaymentPageView(List.of(), PaymentId.of("pay-00999")))
                        : CompletableFuture.failedFuture(new NoHandlerForQueryException("No handler for query")));

        assertThatThrownBy(() -> audit.run(1000)).isInstanceOf(CommandExecutionException.class)
                .satisfies(failure -> assertThat(((DomainError) ((CommandExecutionException) failure).getDetails().orElseThrow())
                        .code()).isEqualTo("payment-unavailable"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payment", "catalog", "order-tracking"})
    void aParticipantThatIsNotConnectedFailsTheAuditWith503NamingIt(String participant) {
        CompletableFuture<Object> down = CompletableFuture.failedFuture(new NoHandlerForQueryException("No handler for query"));
        switch (participant) {
            case "payment" -> when(queries.query(any(FindPaymentsPageQuery.class), eq(PaymentPageView.class))).thenReturn((CompletableFuture) down);
            case "catalog" -> when(queries.query(any(FindStockLevelsQuery.class), eq(StockLevelsListView.class))).thenReturn((CompletableFuture) down);
            default -> when(queries.query(any(FindOrderRangeQuery.class), eq(OrderRangeView.class))).thenReturn((CompletableFuture) down);
        }

        assertThatThrownBy(() -> audit.run(1000))
                .isInstanceOf(CommandExecutionException.class)
                .satisfies(failure -> {
                    DomainError error = (DomainError) ((CommandExecutionException) failure).getDetails().orElseThrow();
                    assertThat(error.status()).isEqualTo(503);
                    assertThat(error.code()).isEqualTo(participant + "-unavailable");
                    assertThat(error.message()).contains(participant);
                });
    }

    @Test
    void aCapOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> audit.run(0)).isInstanceOf(CommandExecutionException.class);
        assertThatThrownBy(() -> audit.run(10_001)).isInstanceOf(CommandExecutionException.class);
    }

    @Test
    void theStuckSagasOfTheInspectionJournalAreChecked() {
        audit.run(1000);

        org.mockito.Mockito.verify(sagas).find(new FindSagasQuery(null, SagaState.STUCK, null, null, ConsistencyAudit.MAX_STUCK_SAGAS));
    }

    @Test
    void asTheProtocolsConsistencyReportInvariantsAreRulesAndOnlyNamedSubjectsAreListed() {
        AuditReportView report = new AuditReportView(NOW, 3, 2, 1, List.of(
                new AuditViolationView("stock-balanced", "received 10 != 9", null, null, "p-1"),
                new AuditViolationView("confirmed-order-paid-once", "paid twice", "o-1", "pay-1", null)),
                Map.of("stock-balanced", 1, "confirmed-order-paid-once", 1, "saga-within-deadline", 0));

        ConsistencyReportView view = AuditConsistencyCheck.view("order-saga", report);

        assertThat(view.application()).isEqualTo("order-saga");
        assertThat(view.checkedAt()).isEqualTo(NOW);
        assertThat(view.checked()).containsEntry("orders", 3).containsEntry("payments", 2).containsEntry("products", 1);
        assertThat(view.rules()).isEqualTo(report.violationsByInvariant());
        assertThat(view.violations()).hasSize(2);
        assertThat(view.violations().get(0).subjects()).containsExactly(Map.entry("productId", "p-1"));
        assertThat(view.violations().get(1).subjects()).containsOnly(Map.entry("orderId", "o-1"), Map.entry("paymentId", "pay-1"));
        assertThat(view.violations().get(1).rule()).isEqualTo("confirmed-order-paid-once");
        assertThat(view.clean()).isFalse();
    }

    /** The order service's ranges of these orders, in order id order, as {@code FindOrderRangeQuery} answers them. */
    private void answerOrders(List<OrderView> orders) {
        List<OrderView> sorted = orders.stream().sorted(Comparator.comparing(o -> o.orderId().value())).toList();
        when(queries.query(any(FindOrderRangeQuery.class), eq(OrderRangeView.class))).thenAnswer(invocation -> {
            FindOrderRangeQuery query = invocation.getArgument(0);
            List<OrderView> after = sorted.stream().filter(o -> query.afterOrderId() == null
                    || o.orderId().value().compareTo(query.afterOrderId().value()) > 0).toList();
            List<OrderView> range = after.subList(0, Math.min(query.limit(), after.size()));
            return CompletableFuture.completedFuture(new OrderRangeView(range,
                    range.size() < query.limit() ? null : range.get(range.size() - 1).orderId()));
        });
    }

    /** The payment service's pages of these payments, in payment id order, as {@code FindPaymentsPageQuery} answers them. */
    private void answerPayments(List<PaymentView> payments) {
        List<PaymentView> sorted = payments.stream().sorted(Comparator.comparing(p -> p.paymentId().value())).toList();
        when(queries.query(any(FindPaymentsPageQuery.class), eq(PaymentPageView.class))).thenAnswer(invocation -> {
            FindPaymentsPageQuery query = invocation.getArgument(0);
            paymentPagesAsked.add(query);
            List<PaymentView> after = sorted.stream().filter(p -> query.afterPaymentId() == null
                    || p.paymentId().value().compareTo(query.afterPaymentId().value()) > 0).toList();
            List<PaymentView> page = after.subList(0, Math.min(query.limit(), after.size()));
            return CompletableFuture.completedFuture(new PaymentPageView(page,
                    after.size() > query.limit() ? page.get(page.size() - 1).paymentId() : null));
        });
    }
}
