package io.sagashop.payment.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    private static final PaymentView CAPTURED = new PaymentView(ID, "order-1", "customer-1", AMOUNT, "EUR",
            PaymentMethodType.WALLET, PaymentStatus.CAPTURED, AMOUNT, BigDecimal.ZERO, "wallet", "wp_1",
            null, Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:00:01Z"));

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
                FindPaymentsPageQuery.first(FindPaymentsPageQuery.MAX_LIMIT),
                new FindPaymentsPageQuery(PaymentStatus.CAPTURED, ID, 1),
                new PaymentListView(java.util.List.of(CAPTURED)),
                new PaymentPageView(java.util.List.of(CAPTURED), ID),
                new PaymentPageView(java.util.List.of(), null),
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
    void aPageOfPaymentsIsBoundedSoItsAnswerFitsInOneGrpcMessage() {
        assertThat(FindPaymentsPageQuery.first(1).limit()).isEqualTo(1);
        assertThat(FindPaymentsPageQuery.first(FindPaymentsPageQuery.MAX_LIMIT).limit()).isEqualTo(1000);
        assertThatThrownBy(() -> FindPaymentsPageQuery.first(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 1000, was 0");
        assertThatThrownBy(() -> new FindPaymentsPageQuery(PaymentStatus.CAPTURED, null, 1001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 1001");
    }

    @org.junit.jupiter.api.Test
    void aFullPageOfTheWidestPaymentsFitsWellWithinOneGrpcMessage() {
        // Every text as long as its column in the payment table allows, the largest amounts.
        String longest = "x".repeat(64);
        BigDecimal most = new BigDecimal("99999999999999999.99");
        Instant at = Instant.parse("2026-11-26T10:00:00.123456Z");
        PaymentView widest = new PaymentView(PaymentId.of(longest), longest, longest, most, "EUR", PaymentMethodType.WALLET,
                PaymentStatus.REFUND_PENDING, most, most, "x".repeat(32), longest, longest, at, at);
        PaymentPageView page = new PaymentPageView(java.util.Collections.nCopies(FindPaymentsPageQuery.MAX_LIMIT, widest),
                PaymentId.of(longest));

        int bytes = serializer.serialize(page, byte[].class).getData().length;

        // A quarter of the 4 MB a gRPC message may have by default, whatever else the message carries.
        assertThat(bytes).isLessThan(1024 * 1024);
    }

    @org.junit.jupiter.api.Test
    void theNextPageIsTheSameQueryAfterThePagesLastPayment() {
        FindPaymentsPageQuery first = new FindPaymentsPageQuery(PaymentStatus.REFUNDED, null, 50);

        assertThat(first.after(ID)).isEqualTo(new FindPaymentsPageQuery(PaymentStatus.REFUNDED, ID, 50));
        assertThat(new PaymentPageView(java.util.List.of(CAPTURED), ID).last()).isFalse();
        assertThat(new PaymentPageView(java.util.List.of(CAPTURED), null).last()).isTrue();
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
