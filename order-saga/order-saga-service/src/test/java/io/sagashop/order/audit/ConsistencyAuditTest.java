package io.sagashop.order.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.sagashop.catalog.api.FindStockLevelsQuery;
import io.sagashop.catalog.api.StockLevelsListView;
import io.sagashop.order.api.AuditQuery;
import io.sagashop.order.api.FindOrdersQuery;
import io.sagashop.order.api.FindStuckSagasQuery;
import io.sagashop.order.api.OrderPageView;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderView;
import io.sagashop.order.api.SagaListView;
import io.sagashop.payment.api.FindAllPaymentsQuery;
import io.sagashop.payment.api.PaymentListView;
import io.sagashop.platform.DomainError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
    private final ConsistencyAudit audit = new ConsistencyAudit(queries,
            new ConsistencyRules(Duration.ofSeconds(30), Duration.ofSeconds(30)), Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void everyoneAnswers() {
        when(queries.query(any(FindAllPaymentsQuery.class), eq(PaymentListView.class)))
                .thenReturn(CompletableFuture.completedFuture(new PaymentListView(List.of())));
        when(queries.query(any(FindStockLevelsQuery.class), eq(StockLevelsListView.class)))
                .thenReturn(CompletableFuture.completedFuture(new StockLevelsListView(List.of())));
        when(queries.query(any(FindStuckSagasQuery.class), eq(SagaListView.class)))
                .thenReturn(CompletableFuture.completedFuture(new SagaListView(List.of())));
        when(queries.query(any(FindOrdersQuery.class), eq(OrderPageView.class))).thenAnswer(invocation -> {
            FindOrdersQuery query = invocation.getArgument(0);
            // 250 orders: one full page of 200, then 50.
            int from = query.page() * query.size();
            List<OrderView> page = IntStream.range(from, Math.min(250, from + query.size()))
                    .mapToObj(i -> ConsistencyRulesTest.order("o-" + i, OrderStatus.PLACED, "1.00", NOW)).toList();
            return CompletableFuture.completedFuture(new OrderPageView(page, query.page(), query.size(), 250));
        });
    }

    @Test
    void everyOrderIsCheckedPageByPage() {
        assertThat(audit.handle(AuditQuery.all()).orders()).isEqualTo(250);
    }

    @ParameterizedTest
    @ValueSource(strings = {"payment", "catalog", "order-saga"})
    void aParticipantThatIsNotConnectedFailsTheAuditWith503NamingIt(String participant) {
        CompletableFuture<Object> down = CompletableFuture.failedFuture(new NoHandlerForQueryException("No handler for query"));
        switch (participant) {
            case "payment" -> when(queries.query(any(FindAllPaymentsQuery.class), eq(PaymentListView.class))).thenReturn((CompletableFuture) down);
            case "catalog" -> when(queries.query(any(FindStockLevelsQuery.class), eq(StockLevelsListView.class))).thenReturn((CompletableFuture) down);
            default -> when(queries.query(any(FindStuckSagasQuery.class), eq(SagaListView.class))).thenReturn((CompletableFuture) down);
        }

        assertThatThrownBy(() -> audit.handle(AuditQuery.all()))
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
        assertThatThrownBy(() -> audit.handle(new AuditQuery(0))).isInstanceOf(CommandExecutionException.class);
        assertThatThrownBy(() -> audit.handle(new AuditQuery(10_001))).isInstanceOf(CommandExecutionException.class);
    }
}
