package io.sagashop.order.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.StockReserved;
import io.sagashop.order.api.FindOrderQuery;
import io.sagashop.order.api.OrderCancellationRequested;
import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderPaymentPending;
import io.sagashop.order.api.OrderPlaced;
import io.sagashop.order.api.OrderRejected;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderStepView;
import io.sagashop.order.api.OrderStockReserved;
import io.sagashop.order.api.OrderView;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.order.api.ShippingAddress;
import io.sagashop.payment.api.PaymentCaptured;
import io.sagashop.payment.api.PaymentDeclined;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentRefunded;
import io.sagashop.payment.api.PaymentRequested;
import io.sagashop.payment.api.PaymentVoided;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderTrackingProjectionTest {

    static final OrderId ORDER = OrderId.of("o-1");
    static final PaymentId PAYMENT = PaymentId.of("pay-1");
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    static final List<OrderLine> LINES = List.of(new OrderLine(ProductId.of("kettle"), "KET-1", "Kettle", 2, new BigDecimal("24.50")));

    private final AtomicReference<OrderEntry> row = new AtomicReference<>();
    private final QueryUpdateEmitter emitter = mock(QueryUpdateEmitter.class);
    private OrderTrackingProjection projection;

    @BeforeEach
    void setUp() {
        OrderEntries entries = mock(OrderEntries.class);
        doAnswer(invocation -> {
            row.set(invocation.getArgument(0));
            return null;
        }).when(entries).save(any());
        when(entries.findById(ORDER.value())).thenAnswer(invocation -> Optional.ofNullable(row.get()));
        when(entries.add(any())).thenAnswer(invocation -> {
            OrderEntry added = invocation.getArgument(0);
            if (row.get() != null && row.get().orderId.equals(added.orderId)) {
                return false;
            }
            row.set(added);
            return true;
        });
        projection = new OrderTrackingProjection(entries, emitter);
        projection.on(new OrderPlaced(ORDER, "alice", LINES, new BigDecimal("49.00"), "EUR", PaymentMethod.card("4242"),
                new ShippingAddress("Ada", "Main St 1", "1000", "Brussels", "BE")), "e-placed", T0);
    }

    @Test
    void aPlacedOrderShowsItsLinesTotalAndFirstStepButNeverTheCardToken() {
        OrderView view = view();
        assertThat(view.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(view.lines()).isEqualTo(LINES);
        assertThat(view.total()).isEqualByComparingTo("49.00");
        assertThat(view.paymentMethod()).hasToString("CARD");
        assertThat(view.shippingAddress().city()).isEqualTo("Brussels");
        assertThat(view.timeline()).containsExactly(new OrderStepView("PLACED", T0, null));
        assertThat(view.toString()).doesNotContain("4242");
    }

    @Test
    void theStatusFollowsTheOrdersOlderEventsWithTheirTimestamps() {
        projection.on(new OrderStockReserved(ORDER), "e-2", T0.plusSeconds(1));
        projection.on(new OrderPaymentPending(ORDER, PAYMENT, new BigDecimal("49.00"), "EUR"), "e-3", T0.plusSeconds(2));
        projection.on(new OrderConfirmed(ORDER, "alice", LINES, new BigDecimal("49.00"), "EUR", PAYMENT), "e-4", T0.plusSeconds(3));

        OrderView view = view();
        assertThat(view.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(view.paymentId()).isEqualTo(PAYMENT);
        assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(view.timeline()).extracting(OrderStepView::step)
                .containsExactly("PLACED", "STOCK_RESERVED", "PAYMENT_PENDING", "CONFIRMED");
        assertThat(view.timeline()).extracting(OrderStepView::at)
                .containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3));
    }

    @Test
    void stockReservedOfEveryLineThenPaymentRequestedMoveTheStatusWithoutOrderCommands() {
        List<OrderLine> twoLines = List.of(LINES.get(0), new OrderLine(ProductId.of("mug"), "MUG-1", "Mug", 1, BigDecimal.ONE));
        row.set(null);
        projection.on(new OrderPlaced(ORDER, "alice", twoLines, new BigDecimal("50.00"), "EUR", PaymentMethod.card("4242"),
                null), "e-placed-2", T0);
        List<ProductId> products = twoLines.stream().map(OrderLine::productId).toList();
        for (int i = 0; i < products.size() - 1; i++) {
            projection.on(new StockReserved(products.get(i), ORDER.value(), 1, BigDecimal.ONE, "EUR"), "r-" + i, T0.plusSeconds(1));
            assertThat(view().status()).as("not every line reserved yet").isEqualTo(OrderStatus.PLACED);
        }
        projection.on(new StockReserved(products.get(0), ORDER.value(), 1, BigDecimal.ONE, "EUR"), "r-again", T0.plusSeconds(1));
        assertThat(view().status()).as("a repeat reservation of a line is not the last line").isEqualTo(OrderStatus.PLACED);
        projection.on(new StockReserved(products.get(products.size() - 1), ORDER.value(), 1, BigDecimal.ONE, "EUR"), "r-last",
                T0.plusSeconds(2));
        assertThat(view().status()).isEqualTo(OrderStatus.STOCK_RESERVED);

        projection.on(new PaymentRequested(PAYMENT, ORDER.value(), "alice", new BigDecimal("49.00"), "EUR",
                PaymentMethod.card("4242")), "e-pay", T0.plusSeconds(3));
        OrderView view = view();
        assertThat(view.status()).isEqualTo(OrderStatus.PAYMENT_PENDING);
        assertThat(view.paymentId()).isEqualTo(PAYMENT);
        assertThat(view.paymentStatus()).isEqualTo("REQUESTED");
        assertThat(view.timeline()).extracting(OrderStepView::step).containsExactly("PLACED", "STOCK_RESERVED", "PAYMENT_PENDING");
    }

    @Test
    void aReservationArrivingAfterTheRejectionDoesNotMoveTheStatus() {
        projection.on(new OrderRejected(ORDER, "alice", LINES, new BigDecimal("49.00"), "EUR", RejectionReason.DEADLINE_PASSED,
                "late"), "e-2", T0.plusSeconds(1));
        LINES.forEach(line -> projection.on(new StockReserved(line.productId(), ORDER.value(), 1, BigDecimal.ONE, "EUR"),
                "r-" + line.productId(), T0.plusSeconds(2)));
        projection.on(new PaymentRequested(PAYMENT, ORDER.value(), "alice", new BigDecimal("49.00"), "EUR",
                PaymentMethod.card("4242")), "e-pay", T0.plusSeconds(3));
        assertThat(view().status()).isEqualTo(OrderStatus.REJECTED);
    }

    @Test
    void anEventAppliedTwiceChangesNothing() {
        projection.on(new OrderStockReserved(ORDER), "e-2", T0.plusSeconds(1));
        projection.on(new PaymentCaptured(PAYMENT, ORDER.value(), new BigDecimal("49.00"), "EUR", "card", "ch_1"), "e-3", T0.plusSeconds(2));
        OrderView once = view();

        projection.on(new OrderStockReserved(ORDER), "e-2", T0.plusSeconds(1));
        projection.on(new PaymentCaptured(PAYMENT, ORDER.value(), new BigDecimal("49.00"), "EUR", "card", "ch_1"), "e-3", T0.plusSeconds(2));
        projection.on(new OrderPlaced(ORDER, "alice", LINES, new BigDecimal("49.00"), "EUR", PaymentMethod.card("4242"), null),
                "e-placed", T0);

        assertThat(view()).isEqualTo(once);
    }

    @Test
    void paymentEventsMoveThePaymentStatusCapturedThenRefunded() {
        projection.on(new OrderPaymentPending(ORDER, PAYMENT, new BigDecimal("49.00"), "EUR"), "e-2", T0.plusSeconds(1));
        assertThat(view().paymentStatus()).isNull();

        projection.on(new PaymentCaptured(PAYMENT, ORDER.value(), new BigDecimal("49.00"), "EUR", "card", "ch_1"), "e-3", T0.plusSeconds(2));
        assertThat(view().paymentStatus()).isEqualTo("CAPTURED");

        projection.on(new PaymentRefunded(PAYMENT, ORDER.value(), new BigDecimal("49.00"), "EUR", "rf_1"), "e-4", T0.plusSeconds(3));
        assertThat(view().paymentStatus()).isEqualTo("REFUNDED");
        assertThat(view().timeline()).extracting(OrderStepView::step).endsWith("PAYMENT_CAPTURED", "PAYMENT_REFUNDED");
    }

    @Test
    void declinedAndVoidedPaymentsShowToo() {
        projection.on(new PaymentDeclined(PAYMENT, ORDER.value(), "card", "insufficient_funds"), "e-2", T0.plusSeconds(1));
        assertThat(view().paymentStatus()).isEqualTo("DECLINED");
        assertThat(view().paymentId()).isEqualTo(PAYMENT);
        assertThat(view().timeline().get(1).detail()).contains("insufficient_funds");

        projection.on(new PaymentVoided(PAYMENT, ORDER.value(), "deadline"), "e-3", T0.plusSeconds(2));
        assertThat(view().paymentStatus()).isEqualTo("VOIDED");
    }

    @Test
    void aSecondDifferentPaymentDoesNotReplaceTheOrdersPayment() {
        projection.on(new OrderPaymentPending(ORDER, PAYMENT, new BigDecimal("49.00"), "EUR"), "e-2", T0.plusSeconds(1));
        projection.on(new PaymentCaptured(PaymentId.of("stranger"), ORDER.value(), BigDecimal.ONE, "EUR", "card", "x"), "e-3", T0.plusSeconds(2));

        assertThat(view().paymentId()).isEqualTo(PAYMENT);
        assertThat(view().paymentStatus()).isNull();
    }

    @Test
    void aRejectionKeepsItsReasonAndDetail() {
        projection.on(new OrderRejected(ORDER, "alice", LINES, new BigDecimal("49.00"), "EUR", RejectionReason.OUT_OF_STOCK,
                "kettle: 1 of 2 available"), "e-2", T0.plusSeconds(1));

        OrderView view = view();
        assertThat(view.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(view.rejectionReason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
        assertThat(view.rejectionDetail()).isEqualTo("kettle: 1 of 2 available");
    }

    @Test
    void aCancellationShowsTheRequestThenTheCancelledStatus() {
        projection.on(new OrderCancellationRequested(ORDER, "alice", "alice", OrderStatus.PLACED, "changed my mind", null, false), "e-2", T0.plusSeconds(1));
        assertThat(view().status()).isEqualTo(OrderStatus.PLACED);
        projection.on(new OrderCancelled(ORDER, "alice", LINES, new BigDecimal("49.00"), "EUR", false), "e-3", T0.plusSeconds(2));

        assertThat(view().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(view().timeline()).extracting(OrderStepView::step).containsExactly("PLACED", "CANCELLATION_REQUESTED", "CANCELLED");
    }

    @Test
    void paymentEventsOfUnknownOrdersAreIgnored() {
        projection.on(new PaymentCaptured(PAYMENT, "someone-elses", BigDecimal.TEN, "EUR", "card", "x"), "e-2", T0);
        assertThat(view().timeline()).hasSize(1);
    }

    @Test
    void everyChangeIsEmittedToTheOrdersSubscriptionsOnly() {
        projection.on(new OrderStockReserved(ORDER), "e-2", T0.plusSeconds(1));
        projection.on(new OrderStockReserved(ORDER), "e-2", T0.plusSeconds(1)); // a repeat emits nothing
        projection.on(new OrderPlaced(ORDER, "alice", LINES, new BigDecimal("49.00"), "EUR", PaymentMethod.card("4242"),
                null), "e-placed", T0); // nor does the placement delivered again

        @SuppressWarnings("unchecked")
        org.mockito.ArgumentCaptor<Predicate<FindOrderQuery>> filter = org.mockito.ArgumentCaptor.forClass(Predicate.class);
        org.mockito.ArgumentCaptor<OrderView> update = org.mockito.ArgumentCaptor.forClass(OrderView.class);
        verify(emitter, times(2)).emit(eq(FindOrderQuery.class), filter.capture(), update.capture());
        assertThat(update.getAllValues()).extracting(OrderView::status).containsExactly(OrderStatus.PLACED, OrderStatus.STOCK_RESERVED);
        assertThat(view().status()).isEqualTo(OrderStatus.STOCK_RESERVED);
        assertThat(filter.getValue().test(new FindOrderQuery(ORDER))).isTrue();
        assertThat(filter.getValue().test(new FindOrderQuery(OrderId.of("o-2")))).isFalse();
    }

    private OrderView view() {
        return row.get().toView();
    }
}
