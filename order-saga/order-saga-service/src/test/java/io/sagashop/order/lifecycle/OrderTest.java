package io.sagashop.order.lifecycle;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.order.api.CancelOrder;
import io.sagashop.order.api.CompensateOrder;
import io.sagashop.order.api.ConfirmOrder;
import io.sagashop.order.api.EndOrderSaga;
import io.sagashop.order.api.OrderCancellationRequested;
import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderCompensationRequested;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderPaymentPending;
import io.sagashop.order.api.OrderPlaced;
import io.sagashop.order.api.OrderRefunded;
import io.sagashop.order.api.OrderRejected;
import io.sagashop.order.api.OrderSagaEndRequested;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderStepRetryRequested;
import io.sagashop.order.api.OrderStockReserved;
import io.sagashop.order.api.PlaceOrder;
import io.sagashop.order.api.RecordOrderRefund;
import io.sagashop.order.api.RejectOrder;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.order.api.RequestOrderCancellation;
import io.sagashop.order.api.RetryOrderStep;
import io.sagashop.order.api.ShippingAddress;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.platform.DomainError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final OrderId ID = OrderId.of("order-1");
    private static final PaymentId PAYMENT = PaymentId.of("pay-order-1");
    private static final List<OrderLine> LINES = List.of(
            new OrderLine(ProductId.of("p-1"), "SKU-1", "Kettle", 2, new BigDecimal("19.95")),
            new OrderLine(ProductId.of("p-2"), "SKU-2", "Mug", 1, new BigDecimal("4.50")));
    private static final BigDecimal TOTAL = new BigDecimal("44.40");
    private static final PaymentMethod CARD = PaymentMethod.card("4242424242424242");
    private static final ShippingAddress ADDRESS = new ShippingAddress("Ada", "Main St 1", "1000", "Brussels", "BE");

    private static final OrderPlaced PLACED = new OrderPlaced(ID, "customer-1", LINES, TOTAL, "EUR", CARD, ADDRESS);
    private static final OrderConfirmed CONFIRMED = new OrderConfirmed(ID, "customer-1", LINES, TOTAL, "EUR", PAYMENT);
    private static final OrderRejected REJECTED = new OrderRejected(ID, "customer-1", LINES, TOTAL, "EUR",
            RejectionReason.PAYMENT_DECLINED, "card_declined");

    private FixtureConfiguration<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
    }

    @Test
    void placingAnOrderTotalsItsLines() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ID, "customer-1", LINES, "EUR", CARD, ADDRESS))
                .expectEvents(PLACED);
    }

    @Test
    void refusesAnEmptyOrder() {
        expectError(fixture.givenNoPriorActivity().when(new PlaceOrder(ID, "customer-1", List.of(), "EUR", CARD, ADDRESS)),
                "order-empty", "lines");
    }

    @Test
    void refusesAZeroQuantity() {
        List<OrderLine> zero = List.of(new OrderLine(ProductId.of("p-1"), "SKU-1", "Kettle", 0, BigDecimal.ONE));
        expectError(fixture.givenNoPriorActivity().when(new PlaceOrder(ID, "customer-1", zero, "EUR", CARD, ADDRESS)),
                "quantity-not-positive", "lines[0].quantity");
    }

    @Test
    void refusesTheSameProductOnTwoLines() {
        List<OrderLine> twice = List.of(LINES.get(0), LINES.get(0));
        expectError(fixture.givenNoPriorActivity().when(new PlaceOrder(ID, "customer-1", twice, "EUR", CARD, ADDRESS)),
                "product-repeated", "lines");
    }

    @Test
    void refusesAnOrderWithoutPaymentMethod() {
        expectError(fixture.givenNoPriorActivity().when(new PlaceOrder(ID, "customer-1", LINES, "EUR", null, ADDRESS)),
                "payment-method-missing", "paymentMethod");
    }

    @Test
    void aPlacedOrderIsConfirmedWithNoStepInBetween() {
        fixture.given(PLACED)
                .when(new ConfirmOrder(ID, PAYMENT))
                .expectEvents(CONFIRMED);
    }

    @Test
    void anOlderHistoryWithTheDisplayOnlyStepsStillLoadsAndConfirms() {
        // OrderStockReserved and OrderPaymentPending are no longer applied, but stored orders have them.
        fixture.given(PLACED, new OrderStockReserved(ID), new OrderPaymentPending(ID, PAYMENT, TOTAL, "EUR"))
                .when(new ConfirmOrder(ID, PAYMENT))
                .expectEvents(CONFIRMED);
        expectConflict(fixture.given(PLACED, new OrderStockReserved(ID), REJECTED).when(new ConfirmOrder(ID, PAYMENT)),
                "order-rejected");
    }

    @Test
    void repeatedStepsApplyNothing() {
        fixture.given(PLACED, CONFIRMED).when(new ConfirmOrder(ID, PAYMENT)).expectNoEvents();
        fixture.given(PLACED, REJECTED).when(new RejectOrder(ID, RejectionReason.PAYMENT_DECLINED, "again")).expectNoEvents();
    }

    @Test
    void refusesToConfirmARejectedOrder() {
        expectConflict(fixture.given(PLACED, REJECTED).when(new ConfirmOrder(ID, PAYMENT)), "order-rejected");
    }

    @Test
    void refusesToRejectAConfirmedOrder() {
        expectConflict(fixture.given(PLACED, CONFIRMED).when(new RejectOrder(ID, RejectionReason.DEADLINE_PASSED, "late")),
                "order-confirmed");
    }

    @Test
    void rejectingRecordsTheReason() {
        fixture.given(PLACED, new OrderStockReserved(ID))
                .when(new RejectOrder(ID, RejectionReason.PAYMENT_DECLINED, "card_declined"))
                .expectEvents(REJECTED);
    }

    @Test
    void aCancellationRequestedBeforeTheConfirmationIsRequestedAgainForTheConfirmedOrder() {
        OrderCancellationRequested early = new OrderCancellationRequested(ID, "customer-1", "customer-1", OrderStatus.PLACED,
                "changed my mind", LINES, false);
        fixture.given(PLACED, early)
                .when(new ConfirmOrder(ID, PAYMENT))
                .expectEvents(CONFIRMED, new OrderCancellationRequested(ID, "customer-1", "customer-1", OrderStatus.CONFIRMED,
                        "changed my mind", LINES, false));
    }

    @Test
    void aCancellationRequestRecordsTheStatusItWasMadeIn() {
        fixture.given(PLACED, CONFIRMED)
                .when(new RequestOrderCancellation(ID, "customer-1", "changed my mind"))
                .expectEvents(new OrderCancellationRequested(ID, "customer-1", "customer-1", OrderStatus.CONFIRMED, "changed my mind", LINES, false));
    }

    @Test
    void aRepeatedCancellationRequestAppliesNothing() {
        fixture.given(PLACED, new OrderCancellationRequested(ID, "customer-1", "customer-1", OrderStatus.PLACED, "", LINES, false))
                .when(new RequestOrderCancellation(ID, "customer-1", ""))
                .expectNoEvents();
    }

    @Test
    void refusesToCancelACancelledOrRejectedOrder() {
        OrderCancellationRequested requested = new OrderCancellationRequested(ID, "customer-1", "customer-1", OrderStatus.PLACED, "", LINES, false);
        expectConflict(fixture.given(PLACED, requested, new OrderCancelled(ID, "customer-1", LINES, TOTAL, "EUR", false))
                .when(new RequestOrderCancellation(ID, "customer-1", "")), "order-cancelled");
        expectConflict(fixture.given(PLACED, REJECTED).when(new RequestOrderCancellation(ID, "customer-1", "")), "order-rejected");
    }

    @Test
    void cancelsOnlyAfterARequestAndSaysWhetherMoneyWasRefunded() {
        OrderCancellationRequested requested = new OrderCancellationRequested(ID, "customer-1", "customer-1", OrderStatus.CONFIRMED, "", LINES, false);
        expectConflict(fixture.given(PLACED, CONFIRMED).when(new CancelOrder(ID)), "cancellation-not-requested");
        fixture.given(PLACED, CONFIRMED, requested, new OrderRefunded(ID, "customer-1", PAYMENT, TOTAL, "EUR"))
                .when(new CancelOrder(ID))
                .expectEvents(new OrderCancelled(ID, "customer-1", LINES, TOTAL, "EUR", true));
    }

    @Test
    void recordsARefundOnce() {
        fixture.given(PLACED, REJECTED)
                .when(new RecordOrderRefund(ID, PAYMENT, TOTAL, "EUR"))
                .expectEvents(new OrderRefunded(ID, "customer-1", PAYMENT, TOTAL, "EUR"));
        fixture.given(PLACED, CONFIRMED, new OrderRefunded(ID, "customer-1", PAYMENT, TOTAL, "EUR"))
                .when(new RecordOrderRefund(ID, PAYMENT, TOTAL, "EUR"))
                .expectNoEvents();
    }

    @Test
    void aRefundOfAConfirmedOrderAsksForItsCancellationWithTheLinesAndThePaymentRefunded() {
        fixture.given(PLACED, CONFIRMED)
                .when(new RecordOrderRefund(ID, PAYMENT, TOTAL, "EUR"))
                .expectEvents(new OrderRefunded(ID, "customer-1", PAYMENT, TOTAL, "EUR"),
                        new OrderCancellationRequested(ID, "customer-1", "payment", OrderStatus.CONFIRMED,
                                "payment " + PAYMENT + " was refunded outside the order", LINES, true));
    }

    @Test
    void aRefundOfAConfirmedOrderWhoseCancellationWasAskedForAsksNothingMore() {
        fixture.given(PLACED, CONFIRMED, new OrderCancellationRequested(ID, "customer-1", "customer-1", OrderStatus.CONFIRMED,
                        "changed my mind", LINES, false))
                .when(new RecordOrderRefund(ID, PAYMENT, TOTAL, "EUR"))
                .expectEvents(new OrderRefunded(ID, "customer-1", PAYMENT, TOTAL, "EUR"));
    }

    @Test
    void operatorActionsAreEventsTheSagaReactsTo() {
        fixture.given(PLACED).when(new RetryOrderStep(ID, "admin")).expectEvents(new OrderStepRetryRequested(ID, "admin"));
        fixture.given(PLACED).when(new CompensateOrder(ID, "admin", "outage"))
                .expectEvents(new OrderCompensationRequested(ID, "admin", "outage"));
        fixture.given(PLACED, CONFIRMED).when(new EndOrderSaga(ID, "admin", "done by hand"))
                .expectEvents(new OrderSagaEndRequested(ID, "admin", "done by hand"));
    }

    @Test
    void refusesToRetryOrCompensateAFinalOrder() {
        expectConflict(fixture.given(PLACED, CONFIRMED).when(new RetryOrderStep(ID, "admin")), "order-confirmed");
        expectConflict(fixture.given(PLACED, REJECTED).when(new CompensateOrder(ID, "admin", "x")), "order-rejected");
    }

    private static void expectConflict(ResultValidator<Order> result, String code) {
        result.expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(domainError(code, 409, null));
    }

    private static void expectError(ResultValidator<Order> result, String code, String field) {
        result.expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(domainError(code, 400, field));
    }

    /** The message is prose for people; the tests pin the code, the status and the field. */
    private static Matcher<DomainError> domainError(String code, int status, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainError error) {
                return error.code().equals(code) && error.status() == status && Objects.equals(error.field(), field);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainError " + code + "/" + status + " on field " + field);
            }
        };
    }
}
