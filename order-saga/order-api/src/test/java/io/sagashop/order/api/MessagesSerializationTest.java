package io.sagashop.order.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentMethodType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessagesSerializationTest {

    private static final OrderId ORDER = OrderId.of("order-1");
    private static final PaymentId PAYMENT = PaymentId.of("pay-order-1");
    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    private static final OrderLine LINE = new OrderLine(ProductId.of("p-1"), "SKU-1", "Kettle", 2, new BigDecimal("19.95"));
    private static final List<OrderLine> LINES = List.of(LINE);
    private static final BigDecimal TOTAL = new BigDecimal("39.90");
    private static final ShippingAddress ADDRESS = new ShippingAddress("Ada", "Main St 1", "1000", "Brussels", "BE");

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();

    static Stream<Object> everyApiType() {
        PaymentMethod card = PaymentMethod.card("4242424242424242");
        OrderView view = new OrderView(ORDER, "customer-1", OrderStatus.CONFIRMED, LINES, TOTAL, "EUR",
                PaymentMethodType.CARD, PAYMENT, "CAPTURED", ADDRESS, null, null, AT, AT,
                List.of(new OrderStepView("PLACED", AT, null)));
        return Stream.of(
                ORDER, LINE, ADDRESS,
                new PlaceOrder(ORDER, "customer-1", LINES, "EUR", card, ADDRESS),
                new OrderPlaced(ORDER, "customer-1", LINES, TOTAL, "EUR", card, ADDRESS),
                new OrderStockReserved(ORDER),
                new OrderPaymentPending(ORDER, PAYMENT, TOTAL, "EUR"),
                new ConfirmOrder(ORDER, PAYMENT),
                new OrderConfirmed(ORDER, "customer-1", LINES, TOTAL, "EUR", PAYMENT),
                new RejectOrder(ORDER, RejectionReason.OUT_OF_STOCK, "SKU-1: 1 available, 2 wanted"),
                new OrderRejected(ORDER, "customer-1", LINES, TOTAL, "EUR", RejectionReason.PAYMENT_DECLINED, "card_declined"),
                new RequestOrderCancellation(ORDER, "customer-1", "changed my mind"),
                new OrderCancellationRequested(ORDER, "customer-1", "customer-1", OrderStatus.CONFIRMED, "changed my mind", null, false),
                new RecordOrderRefund(ORDER, PAYMENT, TOTAL, "EUR"),
                new OrderRefunded(ORDER, "customer-1", PAYMENT, TOTAL, "EUR"),
                new CancelOrder(ORDER),
                new OrderCancelled(ORDER, "customer-1", LINES, TOTAL, "EUR", true),
                new RetryOrderStep(ORDER, "admin"),
                new OrderStepRetryRequested(ORDER, "admin"),
                new CompensateOrder(ORDER, "admin", "gateway outage"),
                new OrderCompensationRequested(ORDER, "admin", "gateway outage"),
                new EndOrderSaga(ORDER, "admin", "handled by hand"),
                new OrderSagaEndRequested(ORDER, "admin", "handled by hand"),
                new FindOrderQuery(ORDER),
                new FindOrdersQuery("customer-1", OrderStatus.CONFIRMED, 0, 20),
                new FindOrdersQuery(null, null, 1, 50),
                view,
                new OrderPageView(List.of(view), 0, 20, 1),
                new AuditReportView(AT, 3, 2, 5,
                        List.of(new AuditViolationView("stock-balanced", "received 10 ≠ 9", null, null, "p-1")),
                        Map.of("stock-balanced", 1, "confirmed-order-paid-once", 0)));
    }

    @ParameterizedTest
    @MethodSource("everyApiType")
    void roundTripsThroughAxonsJacksonSerializer(Object message) {
        SerializedObject<String> serialized = serializer.serialize(message, String.class);

        Object back = serializer.deserialize(serialized);

        assertThat(back).isEqualTo(message);
        assertThat(serialized.getType().getName()).isEqualTo(message.getClass().getName());
    }

    @Test
    void anOrderTotalsItsLines() {
        PlaceOrder order = new PlaceOrder(ORDER, "c", List.of(LINE,
                new OrderLine(ProductId.of("p-2"), "SKU-2", "Mug", 3, new BigDecimal("4.10"))), "EUR", null, ADDRESS);

        assertThat(order.total()).isEqualByComparingTo("52.20");
    }

    @Test
    void onlyConfirmedRejectedAndCancelledAreFinal() {
        assertThat(Stream.of(OrderStatus.values()).filter(OrderStatus::isFinal))
                .containsExactly(OrderStatus.CONFIRMED, OrderStatus.REJECTED, OrderStatus.CANCELLED);
    }
}
