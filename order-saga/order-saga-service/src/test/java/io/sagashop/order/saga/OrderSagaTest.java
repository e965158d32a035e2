package io.sagashop.order.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sagashop.catalog.api.CommitStock;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ReleaseStock;
import io.sagashop.catalog.api.ReserveStock;
import io.sagashop.catalog.api.ReturnStock;
import io.sagashop.catalog.api.StockCommitted;
import io.sagashop.catalog.api.StockRejectionReason;
import io.sagashop.catalog.api.StockReleased;
import io.sagashop.catalog.api.StockReservationRejected;
import io.sagashop.catalog.api.StockReserved;
import io.sagashop.catalog.api.StockReturned;
import io.sagashop.order.api.CancelOrder;
import io.sagashop.order.api.ConfirmOrder;
import io.sagashop.order.api.OrderCancellationRequested;
import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderCompensationRequested;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderPlaced;
import io.sagashop.order.api.OrderRefunded;
import io.sagashop.order.api.OrderRejected;
import io.sagashop.order.api.OrderSagaEndRequested;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderStepRetryRequested;
import io.sagashop.order.api.RecordOrderRefund;
import io.sagashop.order.api.RejectOrder;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import io.sagashop.order.api.ShippingAddress;
import io.sagashop.payment.api.CancelPayment;
import io.sagashop.payment.api.PaymentCaptured;
import io.sagashop.payment.api.PaymentDeclined;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentRefunded;
import io.sagashop.payment.api.PaymentVoided;
import io.sagashop.payment.api.RefundPayment;
import io.sagashop.payment.api.RequestPayment;
import io.sagashop.platform.DomainError;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every row of docs/saga.md and every failure point, one test each, on Axon's saga fixture. */
class OrderSagaTest {

    private static final String ORDER = "order-1";
    private static final OrderId ORDER_ID = OrderId.of(ORDER);
    private static final PaymentId PAYMENT = OrderSaga.paymentIdFor(ORDER);
    private static final ProductId P1 = ProductId.of("p-1");
    private static final ProductId P2 = ProductId.of("p-2");
    private static final ProductId P3 = ProductId.of("p-3");
    private static final PaymentMethod CARD = PaymentMethod.card("4242424242424242");
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);

    private static final OrderPlaced PLACED = new OrderPlaced(ORDER_ID, "customer-1", List.of(
            new OrderLine(P1, "SKU-1", "Kettle", 2, new BigDecimal("10.00")),
            new OrderLine(P2, "SKU-2", "Mug", 1, new BigDecimal("5.00")),
            new OrderLine(P3, "SKU-3", "Spoon", 3, new BigDecimal("1.00"))),
            new BigDecimal("28.00"), "EUR", CARD, new ShippingAddress("Ada", "Main St 1", "1000", "Brussels", "BE"));

    private FixtureConfiguration fixture;
    private InMemorySagaJournal journal;

    private FixtureClock clock;
    /** How far behind the events the sagas' processor is, as the saga's backlog reports it. */
    private Duration backlog = Duration.ZERO;

    @AfterEach
    void restoreClock() {
        clock.close();
    }

    @BeforeEach
    void setUp() {
        SagaTestFixture<OrderSaga> sagaFixture = new SagaTestFixture<>(OrderSaga.class);
        clock = FixtureClock.install(sagaFixture);
        fixture = sagaFixture;
        journal = new InMemorySagaJournal();
        fixture.registerResource(new SagaResources(journal,
                new SagaSettings(DEADLINE, new SagaSettings.Retry(INITIAL_BACKOFF, Duration.ofSeconds(5), null)), NoTransactionManager.INSTANCE,
                DeadlineCancellation.throughTheDeadlineManager(), now -> backlog));
    }

    // ---- forward path ------------------------------------------------------------------------

    @Test
    void placingAnOrderReservesEveryLineAndSetsTheOrderDeadline() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectActiveSagas(1)
                .expectAssociationWith(OrderSaga.ORDER_ID, ORDER)
                .expectDispatchedCommands(reserve(P1, 2), reserve(P2, 1), reserve(P3, 3))
                .expectScheduledDeadlineWithName(DEADLINE, OrderSaga.ORDER_DEADLINE);
        assertThat(journal.types.values()).as("journalled under its inspection type").containsExactly("OrderSaga");
        assertThat(journal.orders.values()).as("keyed by the order id").containsExactly(ORDER);
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_SENT)).hasSize(3)
                .allSatisfy(entry -> assertThat(entry.service()).isEqualTo("order-saga"));
    }

    @Test
    void allLinesReservedRequestsPaymentUnderAnIdDerivedFromTheOrder() {
        givenPlacedAndReserved(P1, P2)
                .whenPublishingA(reserved(P3, 3))
                .expectActiveSagas(1)
                .expectAssociationWith(OrderSaga.PAYMENT_ID, PAYMENT.toString())
                .expectDispatchedCommands(new RequestPayment(PAYMENT, ORDER, "customer-1", new BigDecimal("28.00"), "EUR", CARD));
        assertThat(OrderSaga.paymentIdFor(ORDER)).as("the same id every time").isEqualTo(PAYMENT);
        assertThat(journal.ofKind(SagaTimelineEntryKind.EVENT_RECEIVED)).last()
                .satisfies(entry -> assertThat(entry.service()).isEqualTo("catalog"));
    }

    @Test
    void aTimeOrderedOrderIdGivesATimeOrderedPaymentIdTheSameEachTime() {
        String earlier = "0193a1b2-c3d4-7abc-8def-0123456789ab";
        String later = "0193a1b2-c3d5-7000-9fff-ffffffffffff";

        UUID payment = UUID.fromString(OrderSaga.paymentIdFor(earlier).toString());
        assertThat(payment.toString()).startsWith("0193a1b2-c3d4-8");
        assertThat(payment.version()).isEqualTo(8);
        assertThat(payment.variant()).isEqualTo(2);
        assertThat(OrderSaga.paymentIdFor(earlier)).as("the same id every time").isEqualTo(OrderSaga.paymentIdFor(earlier));
        assertThat(OrderSaga.paymentIdFor(later).toString()).isGreaterThan(payment.toString());
        assertThat(OrderSaga.paymentIdFor("0193a1b2-c3d4-7abc-8def-0123456789ac").toString().substring(15))
                .as("another order of the same millisecond").isNotEqualTo(payment.toString().substring(15));
        assertThat(UUID.fromString(OrderSaga.paymentIdFor("4b1c8f0e-1d2a-4e5f-9a6b-7c8d9e0f1a2b").toString()).version())
                .as("a random order id keeps its name-based payment id").isEqualTo(3);
    }

    @Test
    void aCapturedPaymentCommitsEveryLineAndConfirmsTheOrder() {
        givenAwaitingPayment()
                .whenPublishingA(captured())
                .expectActiveSagas(1)
                .expectDispatchedCommands(new CommitStock(P1, ORDER), new CommitStock(P2, ORDER), new CommitStock(P3, ORDER),
                        new ConfirmOrder(ORDER_ID, PAYMENT));
    }

    @Test
    void theSagaEndsOnceEveryLineIsCommittedAndCancelsItsDeadline() {
        givenAwaitingPayment()
                .andThenAPublished(captured())
                .andThenAPublished(new StockCommitted(P1, ORDER, 2))
                .andThenAPublished(new StockCommitted(P2, ORDER, 1))
                .andThenAPublished(new StockCommitted(P3, ORDER, 3))
                .whenPublishingA(confirmed())
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
        assertThat(journal.states).containsValue(SagaState.COMPLETED);
    }

    @Test
    void everyLineCommittedButTheOrderNotYetConfirmedKeepsTheSagaWaitingWithItsStepDeadline() {
        givenAwaitingPayment()
                .andThenAPublished(captured())
                .andThenAPublished(new StockCommitted(P1, ORDER, 2))
                .andThenAPublished(new StockCommitted(P2, ORDER, 1))
                .whenPublishingA(new StockCommitted(P3, ORDER, 3))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(INITIAL_BACKOFF, OrderSaga.STEP_DEADLINE);
    }

    @Test
    void progressKeepsThePendingStepTimerWhichThenMovesItselfToTheNewDueTime() throws Exception {
        Duration half = INITIAL_BACKOFF.dividedBy(2);
        fixture.givenAPublished(PLACED)
                .andThenTimeElapses(half)
                .andThenAPublished(reserved(P1, 2))
                // Not replaced by the progress: still the one timer set at placement.
                .whenTimeElapses(Duration.ZERO)
                .expectScheduledDeadlineWithName(half, OrderSaga.STEP_DEADLINE);
        // (The fixture's clocks differ by microseconds: its event time and its deadline time start apart.)
        assertThat(journal.pendingDeadlines.values()).as("the journal shows when the step is due, not when the timer fires")
                .hasSize(2).anySatisfy(due -> assertThat(due)
                        .isCloseTo(fixture.currentTime().plus(INITIAL_BACKOFF), within(1, ChronoUnit.MILLIS)));
    }

    @Test
    void aStepTimerFiringBeforeTheStepIsDueResendsNothingAndWaitsForTheRest() throws Exception {
        Duration half = INITIAL_BACKOFF.dividedBy(2);
        fixture.givenAPublished(PLACED)
                .andThenTimeElapses(half)
                .andThenAPublished(reserved(P1, 2))
                .whenTimeElapses(half)
                .expectTriggeredDeadlinesWithName(OrderSaga.STEP_DEADLINE)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(half, OrderSaga.STEP_DEADLINE);
        assertThat(journal.ofKind(SagaTimelineEntryKind.RETRY)).isEmpty();
    }

    @Test
    void theStepIsResentAFullBackoffAfterTheLastProgress() throws Exception {
        Duration half = INITIAL_BACKOFF.dividedBy(2);
        fixture.givenAPublished(PLACED)
                .andThenTimeElapses(half)
                .andThenAPublished(reserved(P1, 2))
                .andThenTimeElapses(half)
                .whenTimeElapses(half)
                .expectDispatchedCommands(reserve(P2, 1), reserve(P3, 3))
                .expectScheduledDeadlineWithName(INITIAL_BACKOFF.multipliedBy(2), OrderSaga.STEP_DEADLINE);
    }

    @Test
    void aStepDeadlineWhileTheProcessorIsFarBehindPostponesTheResendByTheBackoffCountingNoRetry() {
        backlog = Duration.ofMinutes(2);
        fixture.givenAPublished(PLACED)
                .whenTimeElapses(INITIAL_BACKOFF)
                .expectTriggeredDeadlinesWithName(OrderSaga.STEP_DEADLINE)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(INITIAL_BACKOFF, OrderSaga.STEP_DEADLINE);
        assertThat(journal.ofKind(SagaTimelineEntryKind.RETRY)).isEmpty();
        assertThat(journal.ofKind(SagaTimelineEntryKind.DEADLINE_FIRED)).last()
                .satisfies(entry -> assertThat(entry.detail()).contains("120000 ms behind", "resend postponed by 500 ms"));
    }

    @Test
    void oncePostponedTheResendGoesOutWhenTheProcessorKeepsUpAndCountsAsTheFirst() throws Exception {
        backlog = Duration.ofMinutes(2);
        var postponed = fixture.givenAPublished(PLACED)
                .andThenTimeElapses(INITIAL_BACKOFF);
        backlog = Duration.ZERO;
        postponed.whenTimeElapses(INITIAL_BACKOFF)
                .expectDispatchedCommands(reserve(P1, 2), reserve(P2, 1), reserve(P3, 3))
                .expectScheduledDeadlineWithName(INITIAL_BACKOFF.multipliedBy(2), OrderSaga.STEP_DEADLINE);
        assertThat(journal.ofKind(SagaTimelineEntryKind.RETRY)).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).contains("retry 1"));
    }

    @Test
    void aProcessorWithinTheToleranceDoesNotHoldTheResendBack() {
        backlog = Duration.ofSeconds(2);
        fixture.givenAPublished(PLACED)
                .whenTimeElapses(INITIAL_BACKOFF)
                .expectDispatchedCommands(reserve(P1, 2), reserve(P2, 1), reserve(P3, 3));
    }

    @Test
    void whileTheProcessorStaysBehindNothingIsResentUpToTheOrderDeadline() {
        backlog = Duration.ofMinutes(2);
        fixture.givenAPublished(PLACED)
                .whenTimeElapses(DEADLINE.minus(INITIAL_BACKOFF.dividedBy(5)))
                .expectNoDispatchedCommands();
        assertThat(journal.ofKind(SagaTimelineEntryKind.RETRY)).isEmpty();
        assertThat(journal.ofKind(SagaTimelineEntryKind.DEADLINE_FIRED)).as("one postponement per backoff")
                .hasSizeBetween(55, 60);
    }

    @Test
    void aConfirmOrderLostInACrashIsResentByTheStepDeadline() {
        givenAwaitingPayment()
                .andThenAPublished(captured())
                .andThenAPublished(new StockCommitted(P1, ORDER, 2))
                .andThenAPublished(new StockCommitted(P2, ORDER, 1))
                .andThenAPublished(new StockCommitted(P3, ORDER, 3))
                .whenTimeElapses(INITIAL_BACKOFF)
                .expectDispatchedCommands(new ConfirmOrder(ORDER_ID, PAYMENT))
                .expectScheduledDeadlineWithName(INITIAL_BACKOFF.multipliedBy(2), OrderSaga.STEP_DEADLINE);
    }

    // ---- stock refused -------------------------------------------------------------------------

    @Test
    void oneOfThreeReservationsRejectedReleasesTheReservedLineAndRejectsTheOrder() {
        givenPlacedAndReserved(P1)
                .whenPublishingA(new StockReservationRejected(P2, ORDER, 1, StockRejectionReason.INSUFFICIENT_STOCK))
                .expectDispatchedCommands(new ReleaseStock(P1, ORDER),
                        new RejectOrder(ORDER_ID, RejectionReason.OUT_OF_STOCK, "product p-2: INSUFFICIENT_STOCK (1 wanted)"))
                // p-3 is still unanswered: the saga waits for it.
                .expectActiveSagas(1);
    }

    @Test
    void aDiscontinuedProductRejectsTheOrderAsUnavailable() {
        fixture.givenAPublished(PLACED)
                .whenPublishingA(new StockReservationRejected(P1, ORDER, 2, StockRejectionReason.DISCONTINUED))
                .expectDispatchedCommands(new RejectOrder(ORDER_ID, RejectionReason.PRODUCT_UNAVAILABLE,
                        "product p-1: DISCONTINUED (2 wanted)"));
    }

    @Test
    void aReservationThatArrivesAfterTheRejectionIsReleasedAtOnceAndThenTheSagaEnds() {
        givenPlacedAndReserved(P1)
                .andThenAPublished(new StockReservationRejected(P2, ORDER, 1, StockRejectionReason.INSUFFICIENT_STOCK))
                .andThenAPublished(new StockReleased(P1, ORDER, 2))
                .whenPublishingA(reserved(P3, 3))
                .expectDispatchedCommands(new ReleaseStock(P3, ORDER))
                .expectActiveSagas(1);
    }

    @Test
    void theRejectedSagaEndsWhenTheLateReservationIsReleased() {
        givenPlacedAndReserved(P1)
                .andThenAPublished(new StockReservationRejected(P2, ORDER, 1, StockRejectionReason.INSUFFICIENT_STOCK))
                .andThenAPublished(new StockReleased(P1, ORDER, 2))
                .andThenAPublished(reserved(P3, 3))
                .andThenAPublished(new StockReleased(P3, ORDER, 3))
                .whenPublishingA(rejected(RejectionReason.OUT_OF_STOCK))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(journal.states).containsValue(SagaState.COMPENSATED);
    }

    @Test
    void pastTheDeadlineAReleaseBeforeItsReservationIsAnsweredAndTheSagaEndsWithTheOrderRejected() throws Exception {
        // The catalog answers a release of what it never reserved with StockReleased(0) and refuses
        // the reservation that comes after it (ORDER_RELEASED): both settle the abandoned line.
        givenPlacedAndReserved(P1, P2)
                .andThenTimeElapses(DEADLINE)
                .andThenAPublished(new StockReleased(P1, ORDER, 2))
                .andThenAPublished(new StockReleased(P2, ORDER, 1))
                .andThenAPublished(new StockReleased(P3, ORDER, 0))
                .andThenAPublished(new StockReservationRejected(P3, ORDER, 3, StockRejectionReason.ORDER_RELEASED))
                .whenPublishingA(rejected(RejectionReason.DEADLINE_PASSED))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(journal.states).containsValue(SagaState.COMPENSATED);
    }

    // ---- payment refused or too late ---------------------------------------------------------

    @Test
    void aDeclinedPaymentReleasesEveryLineAndRejectsTheOrder() {
        givenAwaitingPayment()
                .whenPublishingA(new PaymentDeclined(PAYMENT, ORDER, "card", "card_declined"))
                .expectDispatchedCommands(new ReleaseStock(P1, ORDER), new ReleaseStock(P2, ORDER), new ReleaseStock(P3, ORDER),
                        new RejectOrder(ORDER_ID, RejectionReason.PAYMENT_DECLINED, "payment declined by card: card_declined"))
                .expectActiveSagas(1);
    }

    @Test
    void afterADeclineTheSagaEndsWhenEveryLineIsReleased() {
        givenAwaitingPayment()
                .andThenAPublished(new PaymentDeclined(PAYMENT, ORDER, "card", "card_declined"))
                .andThenAPublished(new StockReleased(P1, ORDER, 2))
                .andThenAPublished(new StockReleased(P2, ORDER, 1))
                .andThenAPublished(rejected(RejectionReason.PAYMENT_DECLINED))
                .whenPublishingA(new StockReleased(P3, ORDER, 3))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void theDeadlineBeforeThePaymentAnswersCancelsThePaymentReleasesAndRejects() {
        givenAwaitingPayment()
                .whenTimeElapses(DEADLINE)
                .expectTriggeredDeadlinesMatching(triggered(OrderSaga.ORDER_DEADLINE))
                .expectDispatchedCommandsMatching(payloads("cancel, release all, reject", commands ->
                        commands.contains(new CancelPayment(PAYMENT, "order order-1: DEADLINE_PASSED: no outcome within 30 s (step AWAITING_PAYMENT)", ORDER))
                                && commands.containsAll(List.of(new ReleaseStock(P1, ORDER), new ReleaseStock(P2, ORDER), new ReleaseStock(P3, ORDER)))
                                && commands.contains(new RejectOrder(ORDER_ID, RejectionReason.DEADLINE_PASSED,
                                "no outcome within 30 s (step AWAITING_PAYMENT)"))))
                .expectActiveSagas(1);
    }

    @Test
    void aCaptureAfterTheDeadlineEndsTheSagaOnceRefundedTheCancellationSagaRecordsTheRefund() throws Exception {
        givenAwaitingPayment()
                .andThenTimeElapses(DEADLINE)
                .andThenAPublished(new StockReleased(P1, ORDER, 2))
                .andThenAPublished(new StockReleased(P2, ORDER, 1))
                .andThenAPublished(new StockReleased(P3, ORDER, 3))
                .andThenAPublished(rejected(RejectionReason.DEADLINE_PASSED))
                .andThenAPublished(captured())
                .whenPublishingA(refunded())
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
        assertThat(journal.states).containsValue(SagaState.COMPENSATED);
    }

    @Test
    void aCaptureAfterTheDeadlineIsRefundedNotConfirmed() throws Exception {
        givenAwaitingPayment()
                .andThenTimeElapses(DEADLINE)
                .whenPublishingA(captured())
                .expectDispatchedCommands(new RefundPayment(PAYMENT, "order order-1 was not confirmed"))
                .expectActiveSagas(1);
    }

    @Test
    void aCancellationBeforeCaptureVoidsAndReleases() {
        givenAwaitingPayment()
                .whenPublishingA(cancellation(OrderStatus.PAYMENT_PENDING))
                .expectDispatchedCommands(new ReleaseStock(P1, ORDER), new ReleaseStock(P2, ORDER), new ReleaseStock(P3, ORDER),
                        new CancelPayment(PAYMENT, "order order-1: cancelled by customer-1", ORDER))
                .expectActiveSagas(1);
    }

    @Test
    void aCancellationBeforeCaptureCancelsTheOrderOnceVoidedAndReleased() {
        givenAwaitingPayment()
                .andThenAPublished(cancellation(OrderStatus.PAYMENT_PENDING))
                .andThenAPublished(new PaymentVoided(PAYMENT, ORDER, "cancelled"))
                .andThenAPublished(new StockReleased(P1, ORDER, 2))
                .andThenAPublished(new StockReleased(P2, ORDER, 1))
                .whenPublishingA(new StockReleased(P3, ORDER, 3))
                .expectDispatchedCommands(new CancelOrder(ORDER_ID))
                .expectActiveSagas(1);
    }

    @Test
    void aCancelledOrderEndsTheCancellingSaga() {
        givenAwaitingPayment()
                .andThenAPublished(cancellation(OrderStatus.PAYMENT_PENDING))
                .andThenAPublished(new PaymentVoided(PAYMENT, ORDER, "cancelled"))
                .andThenAPublished(new StockReleased(P1, ORDER, 2))
                .andThenAPublished(new StockReleased(P2, ORDER, 1))
                .andThenAPublished(new StockReleased(P3, ORDER, 3))
                .whenPublishingA(new OrderCancelled(ORDER_ID, "customer-1", PLACED.lines(), PLACED.total(), "EUR", false))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aCancellationWhileStillReservingReleasesWhatIsHeldAndWaitsForTheRest() {
        givenPlacedAndReserved(P1)
                .whenPublishingA(cancellation(OrderStatus.PLACED))
                .expectDispatchedCommands(new ReleaseStock(P1, ORDER))
                .expectActiveSagas(1);
    }

    @Test
    void aCancellationWhileConfirmingIsLeftToTheConfirmedOrdersCancellation() {
        givenAwaitingPayment()
                .andThenAPublished(captured())
                .whenPublishingA(cancellation(OrderStatus.PLACED))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
        assertThat(journal.ofKind(SagaTimelineEntryKind.EVENT_RECEIVED)).last()
                .satisfies(entry -> assertThat(entry.detail()).startsWith("the order is being confirmed"));
    }

    @Test
    void theOrderDeadlineWhileConfirmingChangesNothing() {
        givenAwaitingPayment()
                .andThenAPublished(captured())
                .whenTimeElapses(DEADLINE)
                .expectTriggeredDeadlinesMatching(triggered(OrderSaga.ORDER_DEADLINE))
                .expectActiveSagas(1);
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMPENSATION)).isEmpty();
        assertThat(journal.pendingDeadlines).as("the step deadline").hasSize(1);
    }

    /**
     * The round trips docs/saga.md counts: a one-line order confirmed without a hitch costs the
     * saga 4 commands (plus the PlaceOrder that published OrderPlaced) in 3 sequential hops.
     */
    @Test
    void aOneLineOrderCostsFourSagaCommandsInThreeHops() throws Exception {
        OrderPlaced oneLine = new OrderPlaced(ORDER_ID, "customer-1", List.of(PLACED.lines().get(0)), new BigDecimal("20.00"), "EUR",
                CARD, PLACED.shippingAddress());
        fixture.givenNoPriorActivity().whenPublishingA(oneLine)
                .expectDispatchedCommands(reserve(P1, 2));
        fixture.givenAPublished(oneLine).whenPublishingA(reserved(P1, 2))
                .expectDispatchedCommands(new RequestPayment(PAYMENT, ORDER, "customer-1", new BigDecimal("20.00"), "EUR", CARD));
        fixture.givenAPublished(oneLine).andThenAPublished(reserved(P1, 2)).whenPublishingA(captured())
                .expectDispatchedCommands(new CommitStock(P1, ORDER), new ConfirmOrder(ORDER_ID, PAYMENT));
        fixture.givenAPublished(oneLine).andThenAPublished(reserved(P1, 2)).andThenAPublished(captured())
                .andThenAPublished(new StockCommitted(P1, ORDER, 2))
                .whenPublishingA(confirmed())
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    // ---- refusals (4xx): a transition for every command ------------------------------------------

    @Test
    void aRefusedReservationRejectsTheOrderAsUnavailable() {
        refuse(ReserveStock.class, DomainError.notFound("product-not-found", "no product p-3"));
        givenPlacedAndReserved(P1, P2)
                .whenTimeElapses(Duration.ZERO)
                .expectTriggeredDeadlinesMatching(triggered(OrderSaga.REFUSED_DEADLINE))
                .expectDispatchedCommandsMatching(payloads("release the reserved lines and reject", commands ->
                        commands.containsAll(List.of(new ReleaseStock(P1, ORDER), new ReleaseStock(P2, ORDER)))
                                && commands.stream().anyMatch(command -> command instanceof RejectOrder reject
                                && reject.reason() == RejectionReason.PRODUCT_UNAVAILABLE)));
    }

    @Test
    void aRefusedPaymentRequestRejectsTheOrderAsDeclinedAndVoidsThePayment() {
        refuse(RequestPayment.class, DomainError.conflict("payment-voided", "payment was voided"));
        givenAwaitingPayment()
                .whenTimeElapses(Duration.ZERO)
                .expectTriggeredDeadlinesWithName(OrderSaga.REFUSED_DEADLINE)
                .expectDispatchedCommandsMatching(payloads("release, void, reject as declined", commands ->
                        commands.contains(new ReleaseStock(P1, ORDER))
                                && commands.stream().anyMatch(CancelPayment.class::isInstance)
                                && commands.stream().anyMatch(command -> command instanceof RejectOrder reject
                                && reject.reason() == RejectionReason.PAYMENT_DECLINED)));
    }

    @Test
    void aCommitRefusedAgainAndAgainIsHeldForAnOperatorWithTheStepDeadlineStillPending() {
        refuse(CommitStock.class, DomainError.conflict("not-reserved", "no reservation to commit"));
        givenAwaitingPayment()
                .andThenAPublished(captured())
                .andThenAPublished(confirmed())
                .andThenAPublished(new StockCommitted(P1, ORDER, 2))
                .andThenAPublished(new StockCommitted(P2, ORDER, 1))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectActiveSagas(1);
        assertThat(journal.pendingDeadlines).as("the step deadline, still armed").hasSize(1);
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_FAILED)).filteredOn(entry -> entry.detail().contains("held"))
                .singleElement().satisfies(entry -> assertThat(entry.messageName()).isEqualTo("CommitStock:p-3"));
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_SENT)).filteredOn(entry -> entry.messageName().equals("CommitStock"))
                .as("the first sends and " + OrderSaga.REFUSALS_BEFORE_HOLD + " resends at most, then no more")
                .hasSizeLessThanOrEqualTo(3 + OrderSaga.REFUSALS_BEFORE_HOLD);
    }

    @Test
    void anOperatorRetrySendsAHeldCommandAgain() throws Exception {
        refuse(CommitStock.class, DomainError.conflict("not-reserved", "no reservation to commit"));
        givenAwaitingPayment()
                .andThenAPublished(captured())
                .andThenAPublished(confirmed())
                .andThenAPublished(new StockCommitted(P1, ORDER, 2))
                .andThenAPublished(new StockCommitted(P2, ORDER, 1))
                .andThenTimeElapses(Duration.ofMinutes(5))
                .whenPublishingA(new OrderStepRetryRequested(ORDER_ID, "ops"))
                .expectDispatchedCommands(new CommitStock(P3, ORDER));
    }

    @Test
    void aRefusedRejectionOfAConfirmedOrderIsHeldForAnOperator() {
        refuse(RejectOrder.class, DomainError.conflict("order-confirmed", "order order-1 is CONFIRMED"));
        givenAwaitingPayment()
                .andThenAPublished(new PaymentDeclined(PAYMENT, ORDER, "card", "insufficient_funds"))
                .andThenAPublished(new StockReleased(P1, ORDER, 2))
                .andThenAPublished(new StockReleased(P2, ORDER, 1))
                .andThenAPublished(new StockReleased(P3, ORDER, 3))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectActiveSagas(1);
        assertThat(journal.pendingDeadlines).as("the step deadline, still armed").hasSize(1);
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_FAILED)).filteredOn(entry -> entry.detail().contains("held"))
                .singleElement().satisfies(entry -> assertThat(entry.messageName()).isEqualTo("RejectOrder"));
    }

    @Test
    void aRefusedReleaseIsResentThenHeldTheSagaDoesNotEndWithStockUnaccounted() {
        refuse(ReleaseStock.class, DomainError.conflict("already-sold", "sold"));
        givenAwaitingPayment()
                .andThenAPublished(new PaymentDeclined(PAYMENT, ORDER, "card", "insufficient_funds"))
                .andThenAPublished(rejected(RejectionReason.PAYMENT_DECLINED))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectActiveSagas(1);
        assertThat(journal.pendingDeadlines).as("the step deadline, still armed").hasSize(1);
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_FAILED)).filteredOn(entry -> entry.detail().contains("held"))
                .extracting(InMemorySagaJournal.Entry::messageName)
                .containsExactlyInAnyOrder("ReleaseStock:p-1", "ReleaseStock:p-2", "ReleaseStock:p-3");
    }

    @Test
    void aRefusedConfirmationIsHeldForAnOperator() {
        refuse(ConfirmOrder.class, DomainError.conflict("order-rejected", "order order-1 is REJECTED"));
        givenAwaitingPayment()
                .andThenAPublished(captured())
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectActiveSagas(1);
        assertHeldWithDeadlinePending("ConfirmOrder");
    }

    @Test
    void aRefusedVoidIsHeldForAnOperator() {
        refuse(CancelPayment.class, DomainError.conflict("payment-captured", "captured"));
        givenAwaitingPayment()
                .whenTimeElapses(Duration.ofMinutes(5)) // the order deadline compensates: CancelPayment
                .expectActiveSagas(1);
        assertHeldWithDeadlinePending("CancelPayment");
    }

    @Test
    void aRefusedRefundOfALateCaptureIsHeldForAnOperator() throws Exception {
        refuse(RefundPayment.class, DomainError.conflict("not-captured", "not captured"));
        givenAwaitingPayment()
                .andThenTimeElapses(DEADLINE)
                .andThenAPublished(captured())
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectActiveSagas(1);
        assertHeldWithDeadlinePending("RefundPayment");
    }

    @Test
    void aRefusedCancelOrderIsHeldForAnOperator() {
        refuse(CancelOrder.class, DomainError.conflict("order-rejected", "order order-1 is REJECTED"));
        givenAwaitingPayment()
                .andThenAPublished(cancellation(OrderStatus.PAYMENT_PENDING))
                .andThenAPublished(new PaymentVoided(PAYMENT, ORDER, "cancelled"))
                .andThenAPublished(new StockReleased(P1, ORDER, 2))
                .andThenAPublished(new StockReleased(P2, ORDER, 1))
                .andThenAPublished(new StockReleased(P3, ORDER, 3))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectActiveSagas(1);
        assertHeldWithDeadlinePending("CancelOrder");
    }

    @Test
    void aRefusalOfACommandAnsweredMeanwhileChangesNothing() throws Exception {
        refuse(CommitStock.class, DomainError.conflict("not-reserved", "no reservation to commit"));
        givenAwaitingPayment()
                .andThenAPublished(captured())
                .andThenAPublished(new StockCommitted(P1, ORDER, 2)) // committed after all: the refusal was of a repeat
                .whenTimeElapses(Duration.ZERO)
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
        assertThat(journal.ofKind(SagaTimelineEntryKind.DEADLINE_FIRED)).extracting(InMemorySagaJournal.Entry::detail)
                .anyMatch(detail -> detail.startsWith("CommitStock:p-1 refused, but no longer outstanding"));
    }

    @Test
    void aRefusalReportedAfterTheSagaMovedOnIsStale() {
        refuse(RequestPayment.class, DomainError.conflict("payment-voided", "payment was voided"));
        givenAwaitingPayment()
                .andThenAPublished(captured()) // the refusal races a capture
                .whenTimeElapses(Duration.ZERO)
                .expectTriggeredDeadlinesWithName(OrderSaga.REFUSED_DEADLINE)
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMPENSATION)).isEmpty();
    }

    // ---- participant down: retries, then compensation ----------------------------------------

    @Test
    void anUndeliverableReservationIsOnlyJournalledTheStepDeadlineArmedWithTheStepIsTheRetry() {
        failReservations();
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectScheduledDeadlineWithName(INITIAL_BACKOFF, OrderSaga.STEP_DEADLINE)
                .expectScheduledDeadlineWithName(DEADLINE, OrderSaga.ORDER_DEADLINE);
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_FAILED)).hasSize(3)
                .allSatisfy(entry -> assertThat(entry.detail()).startsWith("UNDELIVERABLE"));
        assertThat(journal.pendingDeadlines).as("order deadline and step deadline").hasSize(2);
    }

    @Test
    void theRetryResendsTheStepAndDoublesTheBackoff() {
        failReservations();
        fixture.givenAPublished(PLACED)
                .whenTimeElapses(INITIAL_BACKOFF)
                .expectTriggeredDeadlinesWithName(OrderSaga.STEP_DEADLINE)
                .expectDispatchedCommands(reserve(P1, 2), reserve(P2, 1), reserve(P3, 3))
                .expectScheduledDeadlineWithName(INITIAL_BACKOFF.multipliedBy(2), OrderSaga.STEP_DEADLINE);
    }

    @Test
    void aParticipantDownUntilTheDeadlineIsRetriedThenTheOrderIsCompensated() {
        failReservations();
        fixture.givenAPublished(PLACED)
                .whenTimeElapses(DEADLINE.plusSeconds(1))
                .expectDispatchedCommandsMatching(payloads("several ReserveStock retries, then release and reject", commands ->
                        commands.stream().filter(ReserveStock.class::isInstance).count() >= 3 * 5
                                && commands.containsAll(List.of(new ReleaseStock(P1, ORDER), new ReleaseStock(P2, ORDER),
                                new ReleaseStock(P3, ORDER)))
                                && commands.get(commands.size() - 1).equals(new RejectOrder(ORDER_ID, RejectionReason.DEADLINE_PASSED,
                                "no outcome within 30 s (step RESERVING_STOCK)"))));
        assertThat(journal.ofKind(SagaTimelineEntryKind.RETRY)).isNotEmpty();
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMPENSATION)).isNotEmpty();
    }

    @Test
    void aRefusedCommitIsRecordedAndResentByTheStepDeadline() {
        fixture.setCallbackBehavior((payload, metaData) -> {
            if (payload instanceof CommitStock) {
                throw DomainError.conflict("no-reservation", "order holds no reservation").exception();
            }
            return null;
        });
        givenAwaitingPayment()
                .whenPublishingA(captured())
                .expectScheduledDeadlineWithName(INITIAL_BACKOFF, OrderSaga.STEP_DEADLINE);
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_FAILED)).hasSize(3)
                .allSatisfy(entry -> assertThat(entry.detail()).startsWith("REFUSED - 409 no-reservation"));
    }

    // ---- duplicates ----------------------------------------------------------------------------

    @Test
    void aDuplicateReservationChangesNothing() {
        givenPlacedAndReserved(P1, P2)
                .whenPublishingA(reserved(P1, 2))
                .expectNoDispatchedCommands()
                .expectNoAssociationWith(OrderSaga.PAYMENT_ID, PAYMENT.toString());
    }

    @Test
    void aDuplicateLastReservationDoesNotRequestPaymentTwice() {
        givenAwaitingPayment()
                .whenPublishingA(reserved(P3, 3))
                .expectNoDispatchedCommands();
    }

    @Test
    void aDuplicateCaptureChangesNothing() {
        givenAwaitingPayment()
                .andThenAPublished(captured())
                .whenPublishingA(captured())
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void aDuplicateRejectionAndDeclineChangeNothing() {
        givenAwaitingPayment()
                .andThenAPublished(new PaymentDeclined(PAYMENT, ORDER, "card", "card_declined"))
                .whenPublishingA(new PaymentDeclined(PAYMENT, ORDER, "card", "card_declined"))
                .expectNoDispatchedCommands();
    }

    @Test
    void aDuplicateOrderPlacedChangesNothing() {
        fixture.givenAPublished(PLACED)
                .whenPublishingA(PLACED)
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void aDuplicateReleaseChangesNothing() {
        givenAwaitingPayment()
                .andThenAPublished(new PaymentDeclined(PAYMENT, ORDER, "card", "card_declined"))
                .andThenAPublished(new StockReleased(P1, ORDER, 2))
                .whenPublishingA(new StockReleased(P1, ORDER, 2))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    // ---- operators -----------------------------------------------------------------------------

    @Test
    void anOperatorRetryResendsTheCurrentStep() {
        givenAwaitingPayment()
                .whenPublishingA(new OrderStepRetryRequested(ORDER_ID, "ops"))
                .expectDispatchedCommands(new RequestPayment(PAYMENT, ORDER, "customer-1", new BigDecimal("28.00"), "EUR", CARD));
        assertThat(journal.ofKind(SagaTimelineEntryKind.OPERATOR_ACTION)).hasSize(1);
    }

    @Test
    void anOperatorCompensationReleasesVoidsAndRejects() {
        givenAwaitingPayment()
                .whenPublishingA(new OrderCompensationRequested(ORDER_ID, "ops", "gateway stuck"))
                .expectDispatchedCommandsMatching(payloads("release, void, reject", commands ->
                        commands.contains(new ReleaseStock(P1, ORDER))
                                && commands.stream().anyMatch(CancelPayment.class::isInstance)
                                && commands.contains(new RejectOrder(ORDER_ID, RejectionReason.COMPENSATED_BY_OPERATOR,
                                "compensated by ops: gateway stuck"))));
        assertThat(journal.ofKind(SagaTimelineEntryKind.OPERATOR_ACTION)).hasSize(1);
    }

    @Test
    void anOperatorEndsTheSaga() {
        givenAwaitingPayment()
                .whenPublishingA(new OrderSagaEndRequested(ORDER_ID, "ops", "stuck for good"))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(journal.states).containsValue(SagaState.ENDED_BY_OPERATOR);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private org.axonframework.test.saga.ContinuedGivenState givenPlacedAndReserved(ProductId... products) {
        org.axonframework.test.saga.ContinuedGivenState state = fixture.givenAPublished(PLACED);
        for (ProductId product : products) {
            state = state.andThenAPublished(reserved(product, quantity(product)));
        }
        return state;
    }

    private org.axonframework.test.saga.ContinuedGivenState givenAwaitingPayment() {
        return givenPlacedAndReserved(P1, P2, P3);
    }

    private org.axonframework.test.saga.ContinuedGivenState givenConfirmedAndEnded() {
        return givenAwaitingPayment()
                .andThenAPublished(captured())
                .andThenAPublished(new StockCommitted(P1, ORDER, 2))
                .andThenAPublished(new StockCommitted(P2, ORDER, 1))
                .andThenAPublished(new StockCommitted(P3, ORDER, 3))
                .andThenAPublished(confirmed());
    }

    private static OrderConfirmed confirmed() {
        return new OrderConfirmed(ORDER_ID, "customer-1", PLACED.lines(), PLACED.total(), "EUR", PAYMENT);
    }

    private static OrderRejected rejected(RejectionReason reason) {
        return new OrderRejected(ORDER_ID, "customer-1", PLACED.lines(), PLACED.total(), "EUR", reason, "detail");
    }

    private static Matcher<List<org.axonframework.deadline.DeadlineMessage<?>>> triggered(String name) {
        return new CustomTypeSafeMatcher<>("a triggered " + name) {
            @Override
            protected boolean matchesSafely(List<org.axonframework.deadline.DeadlineMessage<?>> deadlines) {
                return deadlines.stream().anyMatch(deadline -> deadline.getDeadlineName().equals(name));
            }
        };
    }

    private void assertHeldWithDeadlinePending(String commandKey) {
        assertThat(journal.pendingDeadlines).as("a deadline still pending").isNotEmpty();
        assertThat(journal.ofKind(SagaTimelineEntryKind.COMMAND_FAILED)).filteredOn(entry -> entry.detail().contains("held"))
                .extracting(InMemorySagaJournal.Entry::messageName).contains(commandKey);
    }

    private void refuse(Class<?> commandType, DomainError error) {
        fixture.setCallbackBehavior((payload, metaData) -> {
            if (commandType.isInstance(payload)) {
                throw error.exception();
            }
            return null;
        });
    }

    private void failReservations() {
        fixture.setCallbackBehavior((payload, metaData) -> {
            if (payload instanceof ReserveStock) {
                throw new NoHandlerForCommandException("No handler was subscribed for command [ReserveStock]");
            }
            return null;
        });
    }

    private static int quantity(ProductId product) {
        return PLACED.lines().stream().filter(line -> line.productId().equals(product)).findFirst().orElseThrow().quantity();
    }

    private static ReserveStock reserve(ProductId product, int quantity) {
        return new ReserveStock(product, ORDER, quantity);
    }

    private static StockReserved reserved(ProductId product, int quantity) {
        return new StockReserved(product, ORDER, quantity, BigDecimal.ONE, "EUR");
    }

    private static PaymentCaptured captured() {
        return new PaymentCaptured(PAYMENT, ORDER, new BigDecimal("28.00"), "EUR", "card", "ch_1");
    }

    private static PaymentRefunded refunded() {
        return new PaymentRefunded(PAYMENT, ORDER, new BigDecimal("28.00"), "EUR", "re_1");
    }

    private static OrderCancellationRequested cancellation(OrderStatus statusAtRequest) {
        return new OrderCancellationRequested(ORDER_ID, "customer-1", "customer-1", statusAtRequest,
                statusAtRequest == OrderStatus.CONFIRMED ? "changed my mind" : "", PLACED.lines(), false);
    }

    private static Matcher<List<CommandMessage<?>>> payloads(String description, Predicate<List<Object>> check) {
        return new CustomTypeSafeMatcher<>(description) {
            @Override
            protected boolean matchesSafely(List<CommandMessage<?>> commands) {
                return check.test(commands.stream().map(command -> (Object) command.getPayload()).toList());
            }
        };
    }
}
