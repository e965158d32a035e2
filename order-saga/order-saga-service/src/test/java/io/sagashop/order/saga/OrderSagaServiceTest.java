package io.sagashop.order.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sagashop.catalog.api.CommitStock;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ReleaseStock;
import io.sagashop.order.SimulatedCatalog;
import io.sagashop.order.SimulatedParticipants;
import io.sagashop.order.SimulatedPayments;
import io.sagashop.inspection.api.FindSagasQuery;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderRejected;
import io.sagashop.order.api.PlaceOrder;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaListView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaSummaryView;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import io.sagashop.inspection.api.SagaTimelineEntryView;
import io.sagashop.order.api.ShippingAddress;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.platform.test.ServiceTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The saga in the running service: the real hub, MariaDB (saga store, journal, db-scheduler
 * deadlines in the test's schema) and the simulated catalog and payment service answering
 * through the hub ({@link SimulatedParticipants}). Products are named by how the catalog treats
 * them: {@code ok-} in stock, {@code short-} none left, {@code silent-} never answered; card
 * tokens {@code decline} and {@code silent} make the payment declined or unanswered.
 */
@ServiceTest
@Import(SimulatedParticipants.class)
class OrderSagaServiceTest {

    private static final ShippingAddress ADDRESS = new ShippingAddress("Ada", "Main St 1", "1000", "Brussels", "BE");

    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    EventStore eventStore;
    @Autowired
    SimulatedCatalog catalog;
    @Autowired
    SimulatedPayments payments;
    @Autowired
    DeadlineManager deadlineManager;
    @Autowired
    io.sagashop.inspection.SagaJournalRetention retention;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    /** The service's connections do not auto-commit: the test's own writes need a transaction. */
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @BeforeEach
    void paymentSwitches() {
        payments.decline("decline");
        payments.silence("silent");
    }

    @Autowired
    org.axonframework.config.EventProcessingConfiguration processing;

    @Test
    void bothSagasRunInTheOneOrderSagaProcessor() {
        assertThat(processing.sagaProcessingGroup(OrderSaga.class)).isEqualTo("order-saga");
        assertThat(processing.sagaProcessingGroup(OrderCancellationSaga.class)).isEqualTo("order-saga");
        assertThat(processing.eventProcessor("order-saga"))
                .hasValueSatisfying(processor -> assertThat(processor)
                        .isInstanceOf(org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor.class));
        assertThat(processing.eventProcessors()).as("no processor of its own for the cancellation saga")
                .doesNotContainKey("OrderCancellationSagaProcessor");
    }

    @Test
    void deadlinesArePersistedByDbScheduler() {
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
    }

    @Test
    void aHappyOrderIsConfirmedWithItsStockCommittedAndItsPaymentCaptured() {
        OrderId order = place(PaymentMethod.card("4242424242424242"), "ok-a", "ok-b");

        SagaDetailView saga = awaitSaga(order, SagaState.COMPLETED);

        OrderConfirmed confirmed = onlyEvent(order, OrderConfirmed.class);
        assertThat(confirmed.paymentId()).isEqualTo(OrderSaga.paymentIdFor(order.toString()));
        assertThat(confirmed.total()).isEqualByComparingTo("25.00");
        assertThat(catalog.commands(CommitStock.class, order.toString())).extracting(CommitStock::productId)
                .containsExactlyInAnyOrder(ProductId.of("ok-a-" + order), ProductId.of("ok-b-" + order));
        assertThat(saga.timeline()).extracting(SagaTimelineEntryView::messageName)
                .contains("OrderPlaced", "ReserveStock", "StockReserved", "RequestPayment", "PaymentCaptured", "CommitStock",
                        "ConfirmOrder", "StockCommitted");
        assertThat(saga.timeline()).filteredOn(entry -> entry.kind() == SagaTimelineEntryKind.EVENT_RECEIVED
                        && entry.messageName().equals("PaymentCaptured"))
                .extracting(SagaTimelineEntryView::service).containsOnly("payment");
        assertThat(saga.summary().pendingDeadlines()).as("the order deadline was cancelled").isEmpty();
        assertThat(saga.summary().associations()).as("an ended saga is associated with nothing").isEmpty();
        // The round trips docs/saga.md counts: per line a ReserveStock and a CommitStock, then one
        // RequestPayment and one ConfirmOrder (+ the PlaceOrder): 2 lines -> 6 saga commands.
        assertThat(firstSends(saga)).containsExactlyInAnyOrder("ReserveStock", "ReserveStock", "RequestPayment",
                "CommitStock", "CommitStock", "ConfirmOrder");
    }

    @Autowired
    ProcessorLag lag;
    @Autowired
    SagaResources sagaResources;

    @Test
    void theSagasProcessorRecordsEachCommittedHandlingForTheStepDeadlinesToAsk() {
        java.time.Instant before = java.time.Instant.now();
        OrderId order = place(PaymentMethod.card("4242424242424242"), "lag-a");
        awaitSaga(order, SagaState.COMPLETED);
        assertThat(lag.lastHandledAt()).as("recorded by the processor's interceptor").isAfterOrEqualTo(before);
        assertThat(sagaResources.backlog()).as("what the saga's step deadline asks").isSameAs(lag);
    }

    /** The commands the saga sent, without the step deadline's resends (which follow a RETRY entry). */
    private static List<String> firstSends(SagaDetailView saga) {
        List<String> sent = new java.util.ArrayList<>();
        boolean resending = false;
        for (SagaTimelineEntryView entry : saga.timeline()) {
            if (entry.kind() == SagaTimelineEntryKind.RETRY) {
                resending = true;
            } else if (entry.kind() == SagaTimelineEntryKind.COMMAND_SENT) {
                if (!resending) {
                    sent.add(entry.messageName());
                }
            } else {
                resending = false;
            }
        }
        return sent;
    }

    @Test
    void aDeclinedPaymentRejectsTheOrderAndReleasesItsStock() {
        OrderId order = place(PaymentMethod.card("decline"), "ok-c");

        awaitSaga(order, SagaState.COMPENSATED);

        assertThat(onlyEvent(order, OrderRejected.class).reason()).isEqualTo(RejectionReason.PAYMENT_DECLINED);
        assertThat(catalog.commands(ReleaseStock.class, order.toString())).extracting(ReleaseStock::productId)
                .containsExactly(ProductId.of("ok-c-" + order));
        assertThat(catalog.commands(CommitStock.class, order.toString())).isEmpty();
    }

    @Test
    void anOutOfStockOrderIsRejected() {
        OrderId order = place(PaymentMethod.card("4242424242424242"), "ok-d", "short-e");

        awaitSaga(order, SagaState.COMPENSATED);

        OrderRejected rejected = onlyEvent(order, OrderRejected.class);
        assertThat(rejected.reason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
        assertThat(rejected.detail()).contains("short-e-" + order);
        assertThat(catalog.commands(ReleaseStock.class, order.toString())).extracting(ReleaseStock::productId)
                .containsExactly(ProductId.of("ok-d-" + order));
    }

    @Test
    void anActiveSagaIsListedWithItsDeadlineAndAssociations() {
        OrderId order = place(PaymentMethod.card("silent"), "ok-f");

        SagaSummaryView summary = await().atMost(Duration.ofSeconds(60)).until(() -> findSaga(order)
                        .map(SagaDetailView::summary).orElse(null),
                view -> view != null && "AWAITING_PAYMENT".equals(view.currentStep()));

        assertThat(summary.state()).isEqualTo(SagaState.ACTIVE);
        assertThat(summary.pendingDeadlines()).extracting(deadline -> deadline.deadlineName())
                .containsExactlyInAnyOrder("order-deadline", "step-deadline");
        assertThat(summary.associations()).extracting(association -> association.key())
                .containsExactlyInAnyOrder("orderId", "paymentId");
        assertThat(summary.sagaType()).isEqualTo(OrderSaga.TYPE);
        assertThat(summary.application()).isEqualTo("order-saga");
        assertThat(summary.dueAt()).as("the order deadline").isNotNull();
        SagaListView active = queries.query(new FindSagasQuery(OrderSaga.TYPE, SagaState.ACTIVE, null, null, 100), SagaListView.class).join();
        assertThat(active.sagas()).extracting(SagaSummaryView::key).contains(order.toString());
        SagaListView stuck = queries.query(new FindSagasQuery(null, SagaState.STUCK, null, null, 100), SagaListView.class).join();
        assertThat(stuck.sagas()).extracting(SagaSummaryView::key).doesNotContain(order.toString());
    }

    @Test
    void anOperatorsEndThroughTheInspectionProtocolIsRecordedOnTheOrderWithTheOperatorAndEndsTheSaga() {
        OrderId order = place(PaymentMethod.card("silent"), "ok-g");
        SagaSummaryView running = await().atMost(Duration.ofSeconds(60)).until(() -> findSaga(order)
                        .map(SagaDetailView::summary).orElse(null),
                view -> view != null && "AWAITING_PAYMENT".equals(view.currentStep()));
        io.sagashop.inspection.api.SagaActionCommand end = new io.sagashop.inspection.api.SagaActionCommand(OrderSaga.TYPE,
                running.sagaId(), io.sagashop.inspection.api.SagaAction.END, "ops@example.com", "payment provider lost it");

        commands.sendAndWait(new org.axonframework.commandhandling.GenericCommandMessage<>(
                new org.axonframework.messaging.GenericMessage<>(end),
                io.sagashop.inspection.api.SagaActionCommand.commandName(OrderSaga.TYPE)));

        io.sagashop.order.api.OrderSagaEndRequested recorded = onlyEvent(order, io.sagashop.order.api.OrderSagaEndRequested.class);
        assertThat(recorded.operator()).isEqualTo("ops@example.com");
        assertThat(recorded.reason()).isEqualTo("payment provider lost it");
        SagaDetailView ended = awaitSaga(order, SagaState.ENDED_BY_OPERATOR);
        assertThat(ended.timeline()).filteredOn(entry -> entry.kind() == SagaTimelineEntryKind.OPERATOR_ACTION)
                .anySatisfy(entry -> assertThat(entry.detail()).contains("ops@example.com"));
    }

    @Test
    void theJournalOfSagasThatEndedLongerAgoThanTheRetentionIsPrunedActiveOnesAreKept() {
        java.time.Instant now = java.time.Instant.now();
        journal("old-ended", "COMPLETED", now.minus(Duration.ofDays(8)));
        journal("old-active", "ACTIVE", now.minus(Duration.ofDays(8)));
        journal("recent-ended", "COMPENSATED", now.minus(Duration.ofDays(6)));

        assertThat(retention.prune(now)).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForList("SELECT saga_id FROM saga_inspection_saga WHERE saga_id LIKE 'retention-%'", String.class))
                .containsExactlyInAnyOrder("retention-old-active", "retention-recent-ended");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM saga_inspection_timeline WHERE saga_id = 'retention-old-ended'", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM saga_inspection_timeline WHERE saga_id LIKE 'retention-%'", Integer.class))
                .isEqualTo(2);
    }

    private void journal(String name, String state, java.time.Instant lastActivity) {
        java.sql.Timestamp at = java.sql.Timestamp.from(lastActivity);
        transactions.executeWithoutResult(status -> journalRows(name, state, at));
    }

    private void journalRows(String name, String state, java.sql.Timestamp at) {
        jdbc.update("INSERT INTO saga_inspection_saga (saga_id, saga_type, business_key, state, current_step, started_at, "
                + "last_activity_at) VALUES (?, ?, ?, ?, 'DONE', ?, ?)", "retention-" + name, OrderSaga.TYPE, "order-" + name, state, at, at);
        jdbc.update("INSERT INTO saga_inspection_timeline (saga_id, at, kind, message_name, service, detail) VALUES (?, ?, 'ENDED', null, "
                + "'order-saga', null)", "retention-" + name, at);
    }

    private OrderId place(PaymentMethod method, String... productPrefixes) {
        OrderId order = OrderId.generate();
        List<OrderLine> lines = java.util.Arrays.stream(productPrefixes)
                .map(prefix -> new OrderLine(product(prefix + "-" + order), "SKU-" + prefix, prefix, 1, new BigDecimal("12.50")))
                .toList();
        commands.sendAndWait(new PlaceOrder(order, "customer-" + UUID.randomUUID(), lines, "EUR", method, ADDRESS));
        return order;
    }

    private ProductId product(String id) {
        ProductId product = catalog.product(ProductId.of(id), id, "12.50", id.startsWith("short-") ? 0 : 10);
        if (id.startsWith("silent-")) {
            catalog.silence(product);
        }
        return product;
    }

    private SagaDetailView awaitSaga(OrderId order, SagaState state) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> findSaga(order).orElse(null),
                saga -> saga != null && saga.summary().state() == state);
    }

    private Optional<SagaDetailView> findSaga(OrderId order) {
        return io.sagashop.order.OrderSagas.latest(queries, order);
    }

    /** The order's one event of this type; waits for it, as the saga may end before its last command is handled. */
    private <T> T onlyEvent(OrderId order, Class<T> type) {
        List<T> found = await().atMost(Duration.ofSeconds(30)).until(() -> eventStore.readEvents(order.toString()).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(type::isInstance).map(type::cast).toList(), events -> !events.isEmpty());
        assertThat(found).as(type.getSimpleName() + " of " + order).hasSize(1);
        return found.get(0);
    }
}
