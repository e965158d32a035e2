package io.sagashop.payment.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessagesSerializationTest {

    private static final PaymentId ID = PaymentId.of("pay-1");
    private static final BigDecimal AMOUNT = new BigDecimal("42.50");

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();

    static Stream<Object> everyApiType() {
        PaymentMethod card = PaymentMethod.card("tok_4f9a2c", "visa", "4242");
        return Stream.of(
                ID,
                card,
                PaymentMethod.card("tok_only"),
                PaymentMethod.wallet("wallet_success"),
                new RequestPayment(ID, "order-1", "customer-1", AMOUNT, "EUR", card),
                new CapturePayment(ID, "card", "ch_1"),
                new DeclinePayment(ID, "card", "card_declined"),
                new CancelPayment(ID, "order expired"),
                new CancelPayment(ID, "order expired", "order-1"),
                new RefundPayment(ID, "order cancelled"),
                new CompleteRefund(ID, "re_1"),
                new PaymentRequested(ID, "order-1", "customer-1", AMOUNT, "EUR", card),
                new PaymentCaptured(ID, "order-1", AMOUNT, "EUR", "card", "ch_1"),
                new PaymentDeclined(ID, "order-1", "card", "insufficient_funds"),
                new PaymentVoided(ID, "order-1", "order expired"),
                new PaymentRefundRequested(ID, "order-1", AMOUNT, "EUR", "card", "ch_1", "order cancelled"),
                new PaymentRefunded(ID, "order-1", AMOUNT, "EUR", "re_1"),
                new FindPaymentQuery(ID),
                new FindPaymentsByOrderQuery("order-1"),
                FindAllPaymentsQuery.all(),
                new FindAllPaymentsQuery(PaymentStatus.CAPTURED),
                new PaymentListView(java.util.List.of(new PaymentView(ID, "order-1", "customer-1", AMOUNT, "EUR",
                        PaymentMethodType.WALLET, PaymentStatus.CAPTURED, AMOUNT, BigDecimal.ZERO, "wallet", "wp_1",
                        null, Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:00:01Z")))),
                new PaymentView(ID, "order-1", "customer-1", AMOUNT, "EUR", PaymentMethodType.CARD,
                        PaymentStatus.REFUNDED, AMOUNT, AMOUNT, "card", "ch_1", null,
                        Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:00:01Z")));
    }

    @ParameterizedTest
    @MethodSource("everyApiType")
    void roundTripsThroughAxonsJacksonSerializer(Object message) {
        SerializedObject<String> serialized = serializer.serialize(message, String.class);

        Object back = serializer.deserialize(serialized);

        assertThat(back).isEqualTo(message);
        assertThat(serialized.getType().getName()).isEqualTo(message.getClass().getName());
    }


    @org.junit.jupiter.api.Test
    void paymentIdPrintsAsItsRawValueSoAxonRoutesByIt() {
        assertThat(PaymentId.of("pay-1")).hasToString("pay-1");
    }

    @org.junit.jupiter.api.Test
    void netAmountIsCapturedMinusRefunded() {
        PaymentView view = new PaymentView(ID, "o", "c", AMOUNT, "EUR", PaymentMethodType.WALLET,
                PaymentStatus.CAPTURED, AMOUNT, new BigDecimal("2.50"), "wallet", "w_1", null, null, null);
        assertThat(view.netAmount()).isEqualByComparingTo("40.00");
    }
}
