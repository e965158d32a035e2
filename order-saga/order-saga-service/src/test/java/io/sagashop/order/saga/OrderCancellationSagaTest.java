package io.sagashop.order.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ReleaseStock;
import io.sagashop.catalog.api.ReturnStock;
import io.sagashop.catalog.api.StockReleased;
import io.sagashop.catalog.api.StockReturned;
import io.sagashop.order.api.CancelOrder;
import io.sagashop.order.api.OrderCancellationRequested;
import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderRefunded;
import io.sagashop.order.api.OrderSagaEndRequested;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.RecordOrderRefund;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import io.sagashop.payment.api.CancelPayment;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentRefunded;
import io.sagashop.payment.api.PaymentVoided;
import io.sagashop.payment.api.RefundPayment;
import io.sagashop.platform.DomainError;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cancellation saga's rows (REFUNDING, RECORDING_REFUND, CANCELLING without a placement saga), every reply of their commands. */
class OrderCancellationSagaTest {

    private static final String ORDER = "order-1";
    private static final OrderId ORDER_ID = OrderId.of(ORDER);
    private static final PaymentId PAYMENT = OrderSaga.paymentIdFor(ORDER);
    private static final ProductId P1 = ProductId.of("p-1");
    private static final ProductId P2 = ProductId.of("p-2");
    private static final List<OrderLine> LINES = List.of(
            new OrderLine(P1, "SKU-1", "Kettle", 2, new BigDecimal("10.00")),
            new OrderLine(P2, "SKU-2", "Mug", 1, new BigDecimal("5.00")));
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);

    private FixtureConfiguration fixture;
    private InMemorySagaJournal journal;

    private FixtureClock clock;

    @AfterEach
    void restoreClock() {
        clock.close();
    }

    @BeforeEach
    void setUp() {
        SagaTestFixture<OrderCancellationSaga> sagaFixture = new SagaTestFixture<>(OrderCancellationSaga.class);
        clock = FixtureClock.install(sagaFixture);
        fixture = sagaFixture;
        journal = new InMemorySagaJournal();
        fixture.registerResource(new SagaResources(journal,
                new SagaSettings(Duration.ofSeconds(30), new SagaSettings.Retry(INITIAL_BACKOFF, Duration.ofSeconds(5), null)), NoTransactionManager.INSTANCE,
                DeadlineCancellation.throughTheDeadlineManager(), SagaBacklog.NONE));
    }

    // ---- REFUNDING: the customer cancels a confirmed order ------------------------------------

    @Test
    void aCancellationOfAConfirmedOrderRefundsAndReturnsEveryLine() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(cancellation(OrderStatus.CONFIRMED, false))
                .expectActiveSagas(1)
                .expectAssociationWith(StepSaga.ORDER_ID, ORDER)
                .expectAssociationWith(StepSaga.PAYMENT_ID, PAYMENT.toString())
                .expectDispatchedCommands(new RefundPayment(PAYMENT, "changed my mind"), new ReturnStock(P1, ORDER, 2), new ReturnStock(P2, ORDER, 1))
                .expectScheduledDeadlineWithName(INITIAL_BACKOFF, StepSaga.STEP_DEADLINE);
        assertThat(journal.steps).containsValue("REFUNDING");
        assertThat(journal.types.values()).as("journalled under its inspection type").containsExactly("OrderCancellationSaga");
    }

    @Test
    void theRefundIsRecordedOnTheOrderThenTheOrderIsCancelledOnceEveryLineIsBack() {
        fixture.givenAPublished(cancellation(OrderStatus.CONFIRMED, false))
                .andThenAPublished(refunded())
                .andThenAPublished(new OrderRefunded(ORDER_ID, "customer-1", PAYMENT, new BigDecimal("25.00"), "EUR"))
                .andThenAPublished(new StockReturned(P1, ORDER, 2))
                .whenPublishingA(new StockReturned(P2, ORDER, 1))
                .expectDispatchedCommands(new CancelOrder(ORDER_ID))
                .expectActiveSagas(1);
    }

    @Test
    void theRefundGoesOnTheOrderBeforeItIsCancelled() {
        fixture.givenAPublished(cancellation(OrderStatus.CONFIRMED, false))
                .whenPublishingA(refunded())
                .expectDispatchedCommands(new RecordOrderRefund(ORDER_ID, PAYMENT, null, null));
    }

    @Test
    void theCancelledOrderEndsTheSaga() {
        fixture.givenAPublished(cancellation(OrderStatus.CONFIRMED, false))
                .andThenAPublished(refunded())
                .andThenAPublished(new OrderRefunded(ORDER_ID, "customer-1", PAYMENT, new BigDecimal("25.00"), "EUR"))
                .andThenAPublished(new StockReturned(P1, ORDER, 2))
                .andThenAPublished(new StockReturned(P2, ORDER, 1))
                .whenPublishingA(new OrderCancelled(ORDER_ID, "customer-1", LINES, new BigDecimal("25.00"), "EUR", true))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
        assertThat(journal.states).containsValue(SagaState.COMPLETED);
    }

    @Test
    void noAnswerResendsTheRefundAndTheReturnsOnTheStepDeadline() {
        fixture.givenAPublished(cancellation(OrderStatus.CONFIRMED, false))
                .andThenAPublished(new StockReturned(P1, ORDER, 2))
                .whenTimeElapses(INITIAL_BACKOFF)
                .expectTriggeredDeadlinesWithName(StepSaga.STEP_DEADLINE)
                .expectDispatchedCommands(new RefundPayment(PAYMENT, "changed my mind"), new ReturnStock(P2, ORDER, 1))
                .expectScheduledDeadlineWithName(INITIAL_BACKOFF.multipliedBy(2), StepSaga.STEP_DEADLINE);
    }

    @Test
    void aReturnRefusedWhileItsCommitIsUnderWayIsResentAndGoesThroughOnceSold() throws Exception {
        refuseOnce(ReturnStock.class);
        fixture.givenAPublished(cancellation(OrderStatus.CONFIRMED, false))
                .andThenTimeElapses(Duration.ZERO) // both refusals reported: counted, not held
                .whenTimeElapses(INITIAL_BACKOFF)
                .expectDispatchedCommands(new RefundPayment(PAYMENT, "changed my mind"), new ReturnStock(P1, ORDER, 2), new ReturnStock(P2, ORDER, 1))
                .expectActiveSagas(1);
    }

    @Test
    void aReturnRefusedForGoodIsHeldForAnOperatorWithTheDeadlineStillPending() {
        refuse(ReturnStock.class);
        fixture.givenAPublished(cancellation(OrderStatus.CONFIRMED, false))
                .andThenAPublished(refunded())
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectActiveSagas(1);
        assertThat(journal.pendingDeadlines).as("the step deadline").hasSize(1);
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_FAILED)).filteredOn(entry -> entry.detail().contains("held"))
                .extracting(InMemorySagaJournal.Entry::messageName).containsExactlyInAnyOrder("ReturnStock:p-1", "ReturnStock:p-2");
    }

    @Test
    void aRefusedRefundIsHeldForAnOperator() {
        refuse(RefundPayment.class);
        fixture.givenAPublished(cancellation(OrderStatus.CONFIRMED, false))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectActiveSagas(1);
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_FAILED)).filteredOn(entry -> entry.detail().contains("held"))
                .extracting(InMemorySagaJournal.Entry::messageName).containsExactly("RefundPayment");
    }

    @Test
    void anOperatorEndsAStuckCancellation() throws Exception {
        refuse(RefundPayment.class);
        fixture.givenAPublished(cancellation(OrderStatus.CONFIRMED, false))
                .andThenTimeElapses(Duration.ofMinutes(5))
                .whenPublishingA(new OrderSagaEndRequested(ORDER_ID, "ops", "refunded by hand"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(journal.states).containsValue(SagaState.ENDED_BY_OPERATOR);
    }

    @Test
    void aDuplicateCancellationChangesNothing() {
        fixture.givenAPublished(cancellation(OrderStatus.CONFIRMED, false))
                .whenPublishingA(cancellation(OrderStatus.CONFIRMED, false))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void aRefusedCancelOrderIsHeldForAnOperator() {
        refuse(CancelOrder.class);
        fixture.givenAPublished(cancellation(OrderStatus.CONFIRMED, true))
                .andThenAPublished(new StockReturned(P1, ORDER, 2))
                .andThenAPublished(new StockReturned(P2, ORDER, 1))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectActiveSagas(1);
        assertHeld("CancelOrder");
    }

    @Test
    void aTransientFailureIsResentByTheStepDeadline() {
        fixture.setCallbackBehavior((payload, metaData) -> {
            if (payload instanceof ReturnStock) {
                throw new IllegalStateException("catalog overloaded");
            }
            return null;
        });
        fixture.givenAPublished(cancellation(OrderStatus.CONFIRMED, true))
                .whenTimeElapses(INITIAL_BACKOFF)
                .expectDispatchedCommands(new ReturnStock(P1, ORDER, 2), new ReturnStock(P2, ORDER, 1));
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_FAILED)).isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.detail()).startsWith("TRANSIENT"));
    }

    // ---- RECORDING_REFUND: a refund the saga did not ask for ----------------------------------

    @Test
    void aRefundNobodyAskedThisSagaForIsRecordedOnTheOrder() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(refunded())
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RecordOrderRefund(ORDER_ID, PAYMENT, new BigDecimal("25.00"), "EUR"))
                .expectScheduledDeadlineWithName(INITIAL_BACKOFF, StepSaga.STEP_DEADLINE);
    }

    @Test
    void theRecordingEndsOnOrderRefunded() {
        fixture.givenAPublished(refunded())
                .whenPublishingA(new OrderRefunded(ORDER_ID, "customer-1", PAYMENT, new BigDecimal("25.00"), "EUR"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(journal.states).containsValue(SagaState.COMPENSATED);
    }

    @Test
    void anUnansweredRecordingIsResent() {
        fixture.givenAPublished(refunded())
                .whenTimeElapses(INITIAL_BACKOFF)
                .expectDispatchedCommands(new RecordOrderRefund(ORDER_ID, PAYMENT, new BigDecimal("25.00"), "EUR"));
    }

    @Test
    void aConfirmedOrderRefundedOutsideIsRestockedAndCancelledWithoutASecondRefund() {
        fixture.givenAPublished(refunded())
                .andThenAPublished(new OrderRefunded(ORDER_ID, "customer-1", PAYMENT, new BigDecimal("25.00"), "EUR"))
                .whenPublishingA(cancellation(OrderStatus.CONFIRMED, true))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ReturnStock(P1, ORDER, 2), new ReturnStock(P2, ORDER, 1));
    }

    @Test
    void theOutsideRefundsCancellationCancelsTheOrderOnceTheStockIsBack() {
        fixture.givenAPublished(refunded())
                .andThenAPublished(new OrderRefunded(ORDER_ID, "customer-1", PAYMENT, new BigDecimal("25.00"), "EUR"))
                .andThenAPublished(cancellation(OrderStatus.CONFIRMED, true))
                .andThenAPublished(new StockReturned(P1, ORDER, 2))
                .whenPublishingA(new StockReturned(P2, ORDER, 1))
                .expectDispatchedCommands(new CancelOrder(ORDER_ID));
    }

    @Test
    void aRefusedRecordingIsHeldForAnOperator() {
        refuse(RecordOrderRefund.class);
        fixture.givenAPublished(refunded())
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectActiveSagas(1);
        assertHeld("RecordOrderRefund");
    }

    @Test
    void aRecordingSagaStillRunningTakesOverTheCancellationItsRefundCaused() {
        fixture.givenAPublished(refunded())
                .whenPublishingA(cancellation(OrderStatus.CONFIRMED, true))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ReturnStock(P1, ORDER, 2), new ReturnStock(P2, ORDER, 1));
        assertThat(journal.steps).containsValue("REFUNDING");
    }

    // ---- CANCELLING: a cancellation before confirmation -----------------------------------------

    @Test
    void beforeConfirmationTheCancellationIsThePlacementSagasWhileOneIsActive() {
        journal.started(OrderSaga.TYPE, "placement-saga", ORDER, Instant.now(), null);
        fixture.givenNoPriorActivity()
                .whenPublishingA(cancellation(OrderStatus.PLACED, false))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
        assertThat(journal.entries).as("no trace of a saga that never was").isEmpty();
    }

    @Test
    void withNoPlacementSagaRunningEverythingIsReleasedAndVoided() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(cancellation(OrderStatus.PLACED, false))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ReleaseStock(P1, ORDER), new ReleaseStock(P2, ORDER),
                        new CancelPayment(PAYMENT, "order order-1: changed my mind", ORDER));
    }

    @Test
    void withNoPlacementSagaTheOrderIsCancelledOnceThePaymentIsVoidedAndThenTheSagaEnds() {
        fixture.givenAPublished(cancellation(OrderStatus.PLACED, false))
                .andThenAPublished(new StockReleased(P1, ORDER, 0))
                .whenPublishingA(new PaymentVoided(PAYMENT, ORDER, "cancelled"))
                .expectDispatchedCommands(new CancelOrder(ORDER_ID));
        fixture.givenAPublished(cancellation(OrderStatus.PLACED, false))
                .andThenAPublished(new PaymentVoided(PAYMENT, ORDER, "cancelled"))
                .whenPublishingA(new OrderCancelled(ORDER_ID, "customer-1", LINES, new BigDecimal("25.00"), "EUR", false))
                .expectActiveSagas(0);
    }

    @Test
    void withNoPlacementSagaACapturedPaymentIsRefundedBeforeTheOrderIsCancelled() {
        fixture.givenAPublished(cancellation(OrderStatus.PLACED, false))
                .whenPublishingA(refunded()) // CancelPayment of a captured payment refunds it
                .expectDispatchedCommands(new CancelOrder(ORDER_ID));
    }

    @Test
    void withNoPlacementSagaARefusedVoidIsHeldForAnOperator() {
        refuse(CancelPayment.class);
        fixture.givenAPublished(cancellation(OrderStatus.PLACED, false))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectActiveSagas(1);
        assertHeld("CancelPayment");
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void assertHeld(String commandKey) {
        assertThat(journal.pendingDeadlines).as("the step deadline still pending").hasSize(1);
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_FAILED)).filteredOn(entry -> entry.detail().contains("held"))
                .extracting(InMemorySagaJournal.Entry::messageName).contains(commandKey);
    }

    private void refuse(Class<?> commandType) {
        fixture.setCallbackBehavior((payload, metaData) -> {
            if (commandType.isInstance(payload)) {
                throw DomainError.conflict("refused", "refused for the test").exception();
            }
            return null;
        });
    }

    private void refuseOnce(Class<?> commandType) {
        java.util.Set<Object> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
        fixture.setCallbackBehavior((payload, metaData) -> {
            if (commandType.isInstance(payload) && refused.add(payload)) {
                throw DomainError.conflict("not-sold", "not sold yet").exception();
            }
            return null;
        });
    }

    private static PaymentRefunded refunded() {
        return new PaymentRefunded(PAYMENT, ORDER, new BigDecimal("25.00"), "EUR", "re_1");
    }

    private static OrderCancellationRequested cancellation(OrderStatus statusAtRequest, boolean paymentRefunded) {
        return new OrderCancellationRequested(ORDER_ID, "customer-1", paymentRefunded ? "payment" : "customer-1", statusAtRequest,
                "changed my mind", LINES, paymentRefunded);
    }
}
