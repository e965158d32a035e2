package io.sagashop.hub.testing;

import io.sagashop.order.api.AuditQuery;
import io.sagashop.order.api.AuditReportView;
import io.sagashop.order.api.AuditViolationView;
import io.sagashop.order.api.CompensateOrder;
import io.sagashop.order.api.EndOrderSaga;
import io.sagashop.order.api.FindSagaQuery;
import io.sagashop.order.api.FindSagasQuery;
import io.sagashop.order.api.FindStuckSagasQuery;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.PendingDeadlineView;
import io.sagashop.order.api.RetryOrderStep;
import io.sagashop.order.api.SagaAssociationView;
import io.sagashop.order.api.SagaDetailView;
import io.sagashop.order.api.SagaListView;
import io.sagashop.order.api.SagaState;
import io.sagashop.order.api.SagaSummaryView;
import io.sagashop.order.api.SagaTimelineEntryKind;
import io.sagashop.order.api.SagaTimelineEntryView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stands in for the order service on the hub: answers the saga inspection queries and operator
 * commands of {@code io.sagashop.order.api} with fixed, realistic data, so that the dashboard's
 * relay is tested through gRPC with the real contract. Start it with {@link TestClient}.
 * <p>
 * Three sagas: {@link #COMPENSATED} (stock reserved, payment declined, stock released),
 * {@link #ACTIVE} (waiting for payment) and {@link #COMPLETED}. Operator commands are recorded
 * in {@link #ACTIONS}; those on a finished saga are refused as the real service refuses them.
 */
@Configuration(proxyBeanMethods = false)
public class TestOrderService {

    public static final String COMPENSATED = "order-compensated-1";
    public static final String ACTIVE = "order-active-1";
    public static final String COMPLETED = "order-completed-1";
    /** Every operator command received, in order. */
    public static final Queue<Object> ACTIONS = new ConcurrentLinkedQueue<>();

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @Bean
    Handlers testOrderHandlers() {
        return new Handlers();
    }

    public static class Handlers {

        private final Map<String, SagaDetailView> sagas = Map.of(
                COMPENSATED, compensated(), ACTIVE, active(), COMPLETED, completed());

        @QueryHandler
        public SagaListView find(FindSagasQuery query) {
            return new SagaListView(sagas.values().stream().map(SagaDetailView::summary)
                    .filter(s -> query.state() == null || s.state() == query.state())
                    .filter(s -> query.olderThan() == null || s.startedAt().isBefore(query.olderThan()))
                    .sorted((a, b) -> b.lastActivityAt().compareTo(a.lastActivityAt()))
                    .limit(query.limit())
                    .toList());
        }

        @QueryHandler
        public SagaDetailView find(FindSagaQuery query) {
            return sagas.get(query.orderId().value());
        }

        @QueryHandler
        public SagaListView stuck(FindStuckSagasQuery query) {
            return new SagaListView(List.of(sagas.get(ACTIVE).summary()));
        }

        @QueryHandler
        public AuditReportView audit(AuditQuery query) {
            return new AuditReportView(T0.plus(Duration.ofHours(1)), 3, 3, 2,
                    List.of(new AuditViolationView("saga-within-deadline",
                            "Order " + ACTIVE + " has waited for payment 40 minutes, past its 30 minute deadline",
                            ACTIVE, "payment-active-1", null)),
                    Map.of("saga-within-deadline", 1, "confirmed-order-paid-once", 0, "stock-balanced", 0));
        }

        @CommandHandler
        public void handle(RetryOrderStep command) {
            refuseWhenFinal(command.orderId());
            ACTIONS.add(command);
        }

        @CommandHandler
        public void handle(CompensateOrder command) {
            refuseWhenFinal(command.orderId());
            ACTIONS.add(command);
        }

        @CommandHandler
        public void handle(EndOrderSaga command) {
            refuseWhenFinal(command.orderId());
            ACTIONS.add(command);
        }

        private void refuseWhenFinal(OrderId orderId) {
            SagaDetailView saga = sagas.get(orderId.value());
            if (saga == null) {
                throw new IllegalArgumentException("No saga for order " + orderId);
            }
            if (saga.summary().state() != SagaState.ACTIVE) {
                throw new IllegalStateException("Order " + orderId + " is final (" + saga.summary().state() + ")");
            }
        }
    }

    private static SagaDetailView compensated() {
        Instant at = T0;
        return new SagaDetailView(new SagaSummaryView("saga-c1", OrderId.of(COMPENSATED), SagaState.COMPENSATED, "DONE",
                at, at.plusSeconds(4), at.plus(Duration.ofMinutes(30)), List.of(),
                List.of(new SagaAssociationView("orderId", COMPENSATED),
                        new SagaAssociationView("paymentId", "payment-c1"))),
                List.of(
                        entry(at, SagaTimelineEntryKind.EVENT_RECEIVED, "OrderPlaced", "order-saga", "2 lines, 59.90 EUR"),
                        entry(at.plusMillis(5), SagaTimelineEntryKind.DEADLINE_SET, "order-deadline", "order-saga", "in 30 min"),
                        entry(at.plusMillis(10), SagaTimelineEntryKind.COMMAND_SENT, "ReserveStock", "order-saga", "2 products"),
                        entry(at.plusMillis(180), SagaTimelineEntryKind.EVENT_RECEIVED, "StockReserved", "catalog", "reservation r-c1"),
                        entry(at.plusMillis(200), SagaTimelineEntryKind.COMMAND_SENT, "ProcessPayment", "order-saga", "payment-c1"),
                        entry(at.plusSeconds(3), SagaTimelineEntryKind.EVENT_RECEIVED, "PaymentDeclined", "payment", "card declined: insufficient funds"),
                        entry(at.plusSeconds(3).plusMillis(20), SagaTimelineEntryKind.COMPENSATION, "ReleaseStock", "order-saga", "payment declined"),
                        entry(at.plusSeconds(3).plusMillis(25), SagaTimelineEntryKind.COMMAND_SENT, "ReleaseStock", "order-saga", "reservation r-c1"),
                        entry(at.plusSeconds(3).plusMillis(200), SagaTimelineEntryKind.EVENT_RECEIVED, "StockReleased", "catalog", "reservation r-c1"),
                        entry(at.plusSeconds(3).plusMillis(220), SagaTimelineEntryKind.DEADLINE_CANCELLED, "order-deadline", "order-saga", null),
                        entry(at.plusSeconds(4), SagaTimelineEntryKind.ENDED, "OrderRejected", "order-saga", "PAYMENT_DECLINED")));
    }

    private static SagaDetailView active() {
        Instant at = T0.plus(Duration.ofMinutes(20));
        return new SagaDetailView(new SagaSummaryView("saga-a1", OrderId.of(ACTIVE), SagaState.ACTIVE, "AWAITING_PAYMENT",
                at, at.plusSeconds(1), at.plus(Duration.ofMinutes(30)),
                List.of(new PendingDeadlineView("order-deadline", "dl-a1", at.plus(Duration.ofMinutes(30)))),
                List.of(new SagaAssociationView("orderId", ACTIVE))),
                List.of(entry(at, SagaTimelineEntryKind.EVENT_RECEIVED, "OrderPlaced", "order-saga", null),
                        entry(at.plusMillis(300), SagaTimelineEntryKind.EVENT_RECEIVED, "StockReserved", "catalog", null),
                        entry(at.plusSeconds(1), SagaTimelineEntryKind.COMMAND_SENT, "ProcessPayment", "order-saga", null)));
    }

    private static SagaDetailView completed() {
        Instant at = T0.plus(Duration.ofMinutes(10));
        return new SagaDetailView(new SagaSummaryView("saga-d1", OrderId.of(COMPLETED), SagaState.COMPLETED, "DONE",
                at, at.plusSeconds(2), at.plus(Duration.ofMinutes(30)), List.of(),
                List.of(new SagaAssociationView("orderId", COMPLETED))),
                List.of(entry(at, SagaTimelineEntryKind.EVENT_RECEIVED, "OrderPlaced", "order-saga", null),
                        entry(at.plusSeconds(2), SagaTimelineEntryKind.ENDED, "OrderConfirmed", "order-saga", null)));
    }

    private static SagaTimelineEntryView entry(Instant at, SagaTimelineEntryKind kind, String name, String service,
                                               String detail) {
        return new SagaTimelineEntryView(at, kind, name, service, detail);
    }
}
