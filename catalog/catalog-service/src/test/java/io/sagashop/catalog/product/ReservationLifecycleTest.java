package io.sagashop.catalog.product;

import static io.sagashop.catalog.product.DomainErrorMatcher.conflict;
import static io.sagashop.catalog.product.ProductTest.ADDED;
import static io.sagashop.catalog.product.ProductTest.ID;
import static io.sagashop.catalog.product.ProductTest.PRICE;

import io.sagashop.catalog.api.*;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One order's reservation of one product through every ordering the saga's commands can arrive
 * in: each of ReserveStock, ReleaseStock, CommitStock and ReturnStock in each state the
 * reservation can be in (the table in catalog/README.md), the release that overtakes its
 * reservation, and what the product forgets after the retention.
 */
class ReservationLifecycleTest {

    private static final String ORDER = "o-1";
    private static final StockReserved RESERVED = new StockReserved(ID, ORDER, 3, PRICE, "EUR");
    private static final StockReservationRejected REJECTED =
            new StockReservationRejected(ID, ORDER, 3, StockRejectionReason.INSUFFICIENT_STOCK);
    private static final StockReleased RELEASED = new StockReleased(ID, ORDER, 3);
    private static final StockReleased RELEASED_BEFORE_RESERVED = new StockReleased(ID, ORDER, 0);
    private static final StockCommitted COMMITTED = new StockCommitted(ID, ORDER, 3);
    private static final StockReturned RETURNED = new StockReturned(ID, ORDER, 3);

    private FixtureConfiguration<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = ProductTest.newFixture(new ProductTest.InMemorySkus(), ProductTest.SETTINGS);
    }

    /** The states, each as the events that lead to it after ProductAdded. */
    enum State {
        NONE(),
        RESERVED(ReservationLifecycleTest.RESERVED),
        REJECTED(ReservationLifecycleTest.REJECTED),
        RELEASED(ReservationLifecycleTest.RESERVED, ReservationLifecycleTest.RELEASED),
        RELEASED_BEFORE_RESERVED(ReservationLifecycleTest.RELEASED_BEFORE_RESERVED),
        COMMITTED(ReservationLifecycleTest.RESERVED, ReservationLifecycleTest.COMMITTED),
        RETURNED(ReservationLifecycleTest.RESERVED, ReservationLifecycleTest.COMMITTED, ReservationLifecycleTest.RETURNED);

        final List<Object> events;

        State(Object... events) {
            this.events = List.of(events);
        }
    }

    /** What the product answers: the events it applies and its result, or a refusal's code. */
    record Answer(List<Object> events, StockReservationResult result, String refusal) {
        static Answer of(StockReservationResult result, Object... events) {
            return new Answer(List.of(events), result, null);
        }

        static Answer refused(String code) {
            return new Answer(List.of(), null, code);
        }
    }

    private static StockReservationResult result(int quantity, ReservationStatus status, StockRejectionReason reason) {
        boolean priced = status != ReservationStatus.REJECTED && quantity > 0;
        return new StockReservationResult(ID, ORDER, quantity, status, reason, priced ? PRICE : null, priced ? "EUR" : null);
    }

    private static final StockReservationResult IS_RESERVED = result(3, ReservationStatus.RESERVED, null);
    private static final StockReservationResult IS_REJECTED = result(3, ReservationStatus.REJECTED, StockRejectionReason.INSUFFICIENT_STOCK);
    private static final StockReservationResult IS_RELEASED = result(3, ReservationStatus.RELEASED, null);
    private static final StockReservationResult IS_RELEASED_FOR_GOOD = result(0, ReservationStatus.RELEASED, null);
    private static final StockReservationResult IS_ORDER_RELEASED = result(3, ReservationStatus.REJECTED, StockRejectionReason.ORDER_RELEASED);
    private static final StockReservationResult IS_COMMITTED = result(3, ReservationStatus.COMMITTED, null);
    private static final StockReservationResult IS_RETURNED = result(3, ReservationStatus.RETURNED, null);

    static Stream<Arguments> everyCommandInEveryState() {
        ReserveStock reserve = new ReserveStock(ID, ORDER, 3);
        ReleaseStock release = new ReleaseStock(ID, ORDER);
        CommitStock commit = new CommitStock(ID, ORDER);
        ReturnStock giveBack = new ReturnStock(ID, ORDER, 3);
        return Stream.of(
                row(reserve, State.NONE, Answer.of(IS_RESERVED, RESERVED)),
                row(reserve, State.RESERVED, Answer.of(IS_RESERVED)),
                row(reserve, State.REJECTED, Answer.of(IS_REJECTED)),
                row(reserve, State.RELEASED, Answer.of(IS_RELEASED)),
                row(reserve, State.RELEASED_BEFORE_RESERVED, Answer.of(IS_ORDER_RELEASED,
                        new StockReservationRejected(ID, ORDER, 3, StockRejectionReason.ORDER_RELEASED))),
                row(reserve, State.COMMITTED, Answer.of(IS_COMMITTED)),
                row(reserve, State.RETURNED, Answer.of(IS_RETURNED)),

                row(release, State.NONE, Answer.of(IS_RELEASED_FOR_GOOD, RELEASED_BEFORE_RESERVED)),
                row(release, State.RESERVED, Answer.of(IS_RELEASED, RELEASED)),
                row(release, State.REJECTED, Answer.of(IS_REJECTED)),
                row(release, State.RELEASED, Answer.of(IS_RELEASED)),
                row(release, State.RELEASED_BEFORE_RESERVED, Answer.of(IS_RELEASED_FOR_GOOD)),
                row(release, State.COMMITTED, Answer.refused(ProductErrors.ALREADY_SOLD)),
                row(release, State.RETURNED, Answer.of(IS_RETURNED)),

                row(commit, State.NONE, Answer.refused(ProductErrors.NOT_RESERVED)),
                row(commit, State.RESERVED, Answer.of(IS_COMMITTED, COMMITTED)),
                row(commit, State.REJECTED, Answer.refused(ProductErrors.NOT_RESERVED)),
                row(commit, State.RELEASED, Answer.refused(ProductErrors.NOT_RESERVED)),
                row(commit, State.RELEASED_BEFORE_RESERVED, Answer.refused(ProductErrors.NOT_RESERVED)),
                row(commit, State.COMMITTED, Answer.of(IS_COMMITTED)),
                row(commit, State.RETURNED, Answer.of(IS_RETURNED)),

                row(giveBack, State.NONE, Answer.refused(ProductErrors.NOT_SOLD)),
                row(giveBack, State.RESERVED, Answer.refused(ProductErrors.NOT_SOLD)),
                row(giveBack, State.REJECTED, Answer.refused(ProductErrors.NOT_SOLD)),
                row(giveBack, State.RELEASED, Answer.refused(ProductErrors.NOT_SOLD)),
                row(giveBack, State.RELEASED_BEFORE_RESERVED, Answer.refused(ProductErrors.NOT_SOLD)),
                row(giveBack, State.COMMITTED, Answer.of(IS_RETURNED, RETURNED)),
                row(giveBack, State.RETURNED, Answer.of(IS_RETURNED)));
    }

    private static Arguments row(Object command, State state, Answer answer) {
        return Arguments.of(command.getClass().getSimpleName(), state, command, answer);
    }

    @ParameterizedTest(name = "{0} when {1}")
    @MethodSource("everyCommandInEveryState")
    void answersEveryCommandInEveryState(String name, State state, Object command, Answer answer) {
        List<Object> given = new ArrayList<>();
        given.add(ADDED);
        given.addAll(state.events);
        ResultValidator<Product> then = fixture.given(given).when(command);
        if (answer.refusal() != null) {
            then.expectNoEvents().expectException(conflict(answer.refusal()));
        } else {
            then.expectSuccessfulHandlerExecution().expectEvents(answer.events().toArray())
                    .expectResultMessagePayload(answer.result());
        }
    }

    @ParameterizedTest(name = "{0} when {1}, twice")
    @MethodSource("everyCommandInEveryState")
    void aRepeatAppliesNothingAndAnswersTheSame(String name, State state, Object command, Answer answer) {
        List<Object> given = new ArrayList<>();
        given.add(ADDED);
        given.addAll(state.events);
        given.addAll(answer.events());
        ResultValidator<Product> then = fixture.given(given).when(command).expectNoEvents();
        if (answer.refusal() != null) {
            then.expectException(conflict(answer.refusal()));
        } else {
            then.expectResultMessagePayload(answer.result());
        }
    }

    @Nested
    class ReleaseBeforeReserve {

        @Test
        void aReservationThatArrivesAfterItsReleaseIsRejectedAndHoldsNothing() {
            fixture.given(ADDED, RELEASED_BEFORE_RESERVED)
                    .when(new ReserveStock(ID, ORDER, 2))
                    .expectEvents(new StockReservationRejected(ID, ORDER, 2, StockRejectionReason.ORDER_RELEASED))
                    .expectResultMessagePayload(new StockReservationResult(ID, ORDER, 2, ReservationStatus.REJECTED,
                            StockRejectionReason.ORDER_RELEASED, null, null));
            // All 5 units are still there for another order.
            fixture.given(ADDED, RELEASED_BEFORE_RESERVED,
                            new StockReservationRejected(ID, ORDER, 2, StockRejectionReason.ORDER_RELEASED))
                    .when(new ReserveStock(ID, "o-2", 5))
                    .expectEvents(new StockReserved(ID, "o-2", 5, PRICE, "EUR"));
        }

        @Test
        void theMarkerWinsOverADiscontinuedProductAndShortStock() {
            fixture.given(ADDED, RELEASED_BEFORE_RESERVED, new ProductDiscontinued(ID))
                    .when(new ReserveStock(ID, ORDER, 50))
                    .expectEvents(new StockReservationRejected(ID, ORDER, 50, StockRejectionReason.ORDER_RELEASED));
        }

        @Test
        void aDiscontinuedProductStillRecordsTheRelease() {
            fixture.given(ADDED, new ProductDiscontinued(ID))
                    .when(new ReleaseStock(ID, ORDER))
                    .expectEvents(RELEASED_BEFORE_RESERVED);
        }

        @Test
        void anotherOrderIsNotConcerned() {
            fixture.given(ADDED, RELEASED_BEFORE_RESERVED)
                    .when(new ReserveStock(ID, "o-2", 1))
                    .expectEvents(new StockReserved(ID, "o-2", 1, PRICE, "EUR"));
        }

        @Test
        void aRejectedLateReservationRepeatedWithAnotherQuantityIsAMismatch() {
            fixture.given(ADDED, RELEASED_BEFORE_RESERVED,
                            new StockReservationRejected(ID, ORDER, 2, StockRejectionReason.ORDER_RELEASED))
                    .when(new ReserveStock(ID, ORDER, 3))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.RESERVATION_MISMATCH, "quantity"));
        }
    }

    @Nested
    class Forgetting {

        private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
        private final Duration retention = ProductTest.SETTINGS.settledRetention();

        @Test
        void aSettledReservationIsRememberedForTheRetention() {
            fixture.givenCurrentTime(start)
                    .andGiven(ADDED, RESERVED, RELEASED)
                    .andGivenCurrentTime(start.plus(retention).minusSeconds(60))
                    .andGiven(new StockReserved(ID, "o-2", 1, PRICE, "EUR"), new StockCommitted(ID, "o-2", 1))
                    .when(new ReserveStock(ID, ORDER, 3))
                    .expectNoEvents()
                    .expectResultMessagePayload(IS_RELEASED);
        }

        @Test
        void aSettledReservationIsForgottenOnceAnotherSettlesAfterTheRetention() {
            fixture.givenCurrentTime(start)
                    .andGiven(ADDED, RESERVED, RELEASED)
                    .andGivenCurrentTime(start.plus(retention).plusSeconds(60))
                    .andGiven(new StockReserved(ID, "o-2", 1, PRICE, "EUR"), new StockCommitted(ID, "o-2", 1))
                    .when(new ReserveStock(ID, ORDER, 3))
                    .expectEvents(RESERVED);
        }

        @Test
        void theReleaseMarkerLastsTheRetentionToo() {
            fixture.givenCurrentTime(start)
                    .andGiven(ADDED, RELEASED_BEFORE_RESERVED)
                    .andGivenCurrentTime(start.plus(retention).minusSeconds(60))
                    .andGiven(new StockReleased(ID, "o-2", 0))
                    .when(new ReserveStock(ID, ORDER, 3))
                    .expectEvents(new StockReservationRejected(ID, ORDER, 3, StockRejectionReason.ORDER_RELEASED));
        }

        @Test
        void aSaleIsReturnableAfterTheRetentionToo() {
            fixture.givenCurrentTime(start)
                    .andGiven(ADDED, RESERVED, COMMITTED)
                    .andGivenCurrentTime(start.plus(retention).minusSeconds(60))
                    .andGiven(new StockReleased(ID, "o-2", 0))
                    .when(new ReturnStock(ID, ORDER, 3))
                    .expectEvents(RETURNED);
            // Forgotten: the order side's quantity is taken, as far as forgotten sales reach.
            fixture.givenCurrentTime(start)
                    .andGiven(ADDED, RESERVED, COMMITTED)
                    .andGivenCurrentTime(start.plus(retention).plusSeconds(60))
                    .andGiven(new StockReleased(ID, "o-2", 0))
                    .when(new ReturnStock(ID, ORDER, 3))
                    .expectEvents(RETURNED)
                    .expectResultMessagePayload(new StockReservationResult(ID, ORDER, 3, ReservationStatus.RETURNED, null, null, null));
        }

        @Test
        void aForgottenSaleReturnedIsRememberedAsReturned() {
            fixture.givenCurrentTime(start)
                    .andGiven(ADDED, RESERVED, COMMITTED)
                    .andGivenCurrentTime(start.plus(retention).plusSeconds(60))
                    .andGiven(new StockReleased(ID, "o-2", 0), RETURNED)
                    .when(new ReturnStock(ID, ORDER, 3))
                    .expectNoEvents()
                    .expectResultMessagePayload(new StockReservationResult(ID, ORDER, 3, ReservationStatus.RETURNED, null, null, null));
        }

        @Test
        void noMoreComesBackThanForgottenSalesHeld() {
            // 3 units sold and forgotten: a return of 4 is refused, and once 3 came back another
            // order's return finds nothing left to take back.
            fixture.givenCurrentTime(start)
                    .andGiven(ADDED, RESERVED, COMMITTED)
                    .andGivenCurrentTime(start.plus(retention).plusSeconds(60))
                    .andGiven(new StockReleased(ID, "o-2", 0))
                    .when(new ReturnStock(ID, ORDER, 4))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.NOT_SOLD));
            fixture.givenCurrentTime(start)
                    .andGiven(ADDED, RESERVED, COMMITTED)
                    .andGivenCurrentTime(start.plus(retention).plusSeconds(60))
                    .andGiven(new StockReleased(ID, "o-2", 0), RETURNED)
                    .when(new ReturnStock(ID, "o-3", 1))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.NOT_SOLD));
        }

        @Test
        void aForgottenReleaseOrRejectionIsNoSale() {
            fixture.givenCurrentTime(start)
                    .andGiven(ADDED, RESERVED, RELEASED, new StockReservationRejected(ID, "o-2", 9, StockRejectionReason.INSUFFICIENT_STOCK))
                    .andGivenCurrentTime(start.plus(retention).plusSeconds(60))
                    .andGiven(new StockReleased(ID, "o-3", 0))
                    .when(new ReturnStock(ID, ORDER, 3))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.NOT_SOLD));
        }

        @Test
        void aReservationHoldingUnitsIsNeverForgotten() {
            fixture.givenCurrentTime(start)
                    .andGiven(ADDED, RESERVED)
                    .andGivenCurrentTime(start.plus(retention.multipliedBy(3)))
                    .andGiven(new StockReserved(ID, "o-2", 1, PRICE, "EUR"), new StockCommitted(ID, "o-2", 1))
                    .when(new CommitStock(ID, ORDER))
                    .expectEvents(COMMITTED);
        }
    }
}
