package io.sagashop.order.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sagashop.catalog.api.CommitStock;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.order.SimulatedCatalog;
import io.sagashop.order.SimulatedParticipants;
import io.sagashop.order.SimulatedPayments;
import io.sagashop.order.api.ConfirmOrder;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.inspection.api.PendingDeadlineView;
import io.sagashop.order.api.PlaceOrder;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
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
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A saga's decisions take effect only when its handling commits, and a deadline db-scheduler is
 * executing cannot fail the handling that ends its saga. Once, such a cancel threw
 * {@code TaskInstanceCurrentlyExecutingException} on prepare-commit, rolled back the pooled
 * processor's whole batch and had it handled again — while the commands of that batch
 * ({@code CommitStock}, {@code ConfirmOrder}) had already gone out; under overload that confirmed
 * orders whose sagas then compensated and refunded them. Deadlines are now cancelled in the
 * handling's transaction by a delete that leaves a picked task alone ({@link DeadlineCancellation}).
 */
@ServiceTest
@Import(SimulatedParticipants.class)
class SagaCommitBoundaryServiceTest {

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
    JdbcTemplate jdbc;
    @Autowired
    DeadlineCancellation cancellation;
    @Autowired
    DeadlineManager deadlines;
    /** The service's connections do not auto-commit: the test's own writes need a transaction. */
    @Autowired
    TransactionTemplate transactions;

    /** The cancel is part of the handling that ends the saga: once it committed, the task is gone from db-scheduler's table. */
    @Test
    void theOrderDeadlineCancelledWhenTheSagaEndsLeavesDbSchedulersTable() {
        OrderId order = OrderId.generate();
        ProductId product = catalog.product(ProductId.of("ok-" + order), "only", "12.50", 10);
        String deadlineId = placeAndAwaitPayment(order, List.of(line(product, "only")));
        assertThat(scheduled(deadlineId)).as("the order deadline is scheduled").isEqualTo(1);

        payments.resume(order.toString());

        await().atMost(Duration.ofSeconds(60)).until(() -> findSaga(order).orElse(null),
                saga -> saga != null && saga.summary().state() == SagaState.COMPLETED);
        // Due 30 s after the order: gone well before that only because it was cancelled.
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduled(deadlineId) == 0);
    }

    /**
     * A cancel belongs to its handling's transaction: rolled back with it, the timer stays (the
     * saga state that needs it stays too); committed, it is gone. A picked task is left alone.
     */
    @Test
    void aCancelIsUndoneWithItsTransactionAndLeavesAPickedTaskAlone() {
        String kept = UUID.randomUUID().toString();
        String picked = UUID.randomUUID().toString();
        String cancelled = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> {
            insertTask(kept, false);
            insertTask(picked, true);
            insertTask(cancelled, false);
        });
        try {
            transactions.executeWithoutResult(status -> {
                cancellation.cancel(deadlines, OrderSaga.STEP_DEADLINE, kept);
                status.setRollbackOnly();
            });
            transactions.executeWithoutResult(status -> {
                cancellation.cancel(deadlines, OrderSaga.STEP_DEADLINE, picked);
                cancellation.cancel(deadlines, OrderSaga.STEP_DEADLINE, cancelled);
                cancellation.cancel(deadlines, OrderSaga.STEP_DEADLINE, "no-such-deadline");
            });

            assertThat(scheduled(kept)).as("cancelled in a transaction that rolled back").isEqualTo(1);
            assertThat(scheduled(picked)).as("being executed").isEqualTo(1);
            assertThat(scheduled(cancelled)).as("cancelled and committed").isZero();
        } finally {
            transactions.executeWithoutResult(status -> jdbc.update(
                    "DELETE FROM scheduled_tasks WHERE task_instance IN (?, ?, ?)", kept, picked, cancelled));
        }
    }

    /** A task as Axon's deadline manager writes it, due in an hour (its data is never read here). */
    private void insertTask(String deadlineId, boolean picked) {
        jdbc.update("INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version) "
                + "VALUES (?, ?, NULL, DATE_ADD(CURRENT_TIMESTAMP, INTERVAL 1 HOUR), ?, 1)",
                DeadlineCancellation.AXON_TASK_NAME, deadlineId, picked);
    }

    /** Places the order with its payment held back; returns the id of its order deadline once the saga awaits the payment. */
    private String placeAndAwaitPayment(OrderId order, List<OrderLine> lines) {
        payments.silence(order.toString());
        commands.sendAndWait(new PlaceOrder(order, "customer-" + UUID.randomUUID(), lines, "EUR",
                PaymentMethod.card("4242424242424242"), ADDRESS));
        SagaDetailView waiting = await().atMost(Duration.ofSeconds(60)).until(() -> findSaga(order).orElse(null),
                saga -> saga != null && "AWAITING_PAYMENT".equals(saga.summary().currentStep()));
        return waiting.summary().pendingDeadlines().stream()
                .filter(deadline -> deadline.deadlineName().equals(OrderSaga.ORDER_DEADLINE))
                .map(PendingDeadlineView::deadlineId).findFirst().orElseThrow();
    }

    private static OrderLine line(ProductId product, String name) {
        return new OrderLine(product, "SKU-" + name, name, 1, new BigDecimal("12.50"));
    }

    private int scheduled(String deadlineId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = ?", Integer.class,
                deadlineId);
        return count == null ? 0 : count;
    }

    @Test
    void anOrderDeadlineBeingExecutedWhenTheSagaEndsNeitherFailsTheHandlingNorRepeatsItsCommands() {
        OrderId order = OrderId.generate();
        ProductId first = catalog.product(ProductId.of("ok-1-" + order), "first", "12.50", 10);
        ProductId second = catalog.product(ProductId.of("ok-2-" + order), "second", "12.50", 10);
        String deadlineId = placeAndAwaitPayment(order, List.of(line(first, "first"), line(second, "second")));
        // db-scheduler is executing the order deadline (picked) at the moment the saga ends.
        int picked = transactions.execute(status -> jdbc.update("UPDATE scheduled_tasks SET picked = TRUE, "
                + "picked_by = 'another-instance', last_heartbeat = CURRENT_TIMESTAMP WHERE task_instance = ?", deadlineId));
        assertThat(picked).isEqualTo(1);
        try {
            payments.resume(order.toString());

            SagaDetailView done = await().atMost(Duration.ofSeconds(60)).until(() -> findSaga(order).orElse(null),
                    saga -> saga != null && saga.summary().state() == SagaState.COMPLETED);

            assertThat(done.timeline()).filteredOn(entry -> entry.kind() == SagaTimelineEntryKind.COMMAND_SENT)
                    .extracting(entry -> entry.messageName()).containsOnlyOnce("ConfirmOrder");
            await().atMost(Duration.ofSeconds(30)).until(() -> catalog.commands(CommitStock.class, order.toString()).size() >= 2);
            assertThat(catalog.commands(CommitStock.class, order.toString())).as("each line committed by one command")
                    .extracting(CommitStock::productId).containsExactlyInAnyOrder(first, second);
            assertThat(events(order, OrderConfirmed.class)).hasSize(1);
        } finally {
            transactions.executeWithoutResult(status -> jdbc.update("DELETE FROM scheduled_tasks WHERE task_instance = ?",
                    deadlineId));
        }
    }

    private <T> List<T> events(OrderId order, Class<T> type) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> eventStore.readEvents(order.toString()).asStream()
                .map(DomainEventMessage::getPayload).filter(type::isInstance).map(type::cast).toList(), found -> !found.isEmpty());
    }

    private Optional<SagaDetailView> findSaga(OrderId order) {
        return io.sagashop.order.OrderSagas.latest(queries, order);
    }
}
