package io.sagashop.payment.api.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentRequested;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class CardNumberMaskingUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();
    private final EventUpcasterChain chain = new EventUpcasterChain(new CardNumberMaskingUpcaster());

    @Test
    void anOldPaymentRequestedIsReadWithTheNumberMaskedAndItsBrandAndLastFour() {
        String old = "{\"paymentId\":{\"value\":\"pay-1\"},\"orderId\":\"order-1\",\"customerId\":\"c-1\",\"amount\":42.50,"
                + "\"currency\":\"EUR\",\"method\":{\"type\":\"CARD\",\"token\":\"4242424242424242\"}}";

        PaymentRequested read = (PaymentRequested) readThroughChain(PaymentRequested.class.getName(), old);

        assertThat(read.method()).isEqualTo(PaymentMethod.card("************4242", "visa", "4242"));
        assertThat(read.amount()).isEqualByComparingTo("42.50");
        assertThat(read.toString()).doesNotContain("4242424242424242");
    }

    @Test
    void aGroupedNumberInAnOldOrderPlacedIsMaskedToo() {
        String old = "{\"orderId\":\"o-1\",\"paymentMethod\":{\"type\":\"CARD\",\"token\":\"5555 5555 5555 4444\"},"
                + "\"shippingAddress\":null}";

        String masked = CardNumberMaskingUpcaster.mask(old);

        assertThat(masked).isEqualTo("{\"orderId\":\"o-1\",\"paymentMethod\":{\"type\":\"CARD\","
                + "\"token\":\"************4444\",\"brand\":\"mastercard\",\"last4\":\"4444\"},\"shippingAddress\":null}");
    }

    @Test
    void aTokenAnOperatorAlreadyScrubbedGetsItsLastFour() {
        String scrubbed = "{\"method\":{\"type\":\"CARD\",\"token\":\"************0002\"}}";

        assertThat(CardNumberMaskingUpcaster.mask(scrubbed))
                .isEqualTo("{\"method\":{\"type\":\"CARD\",\"token\":\"************0002\",\"last4\":\"0002\"}}");
    }

    @Test
    void currentEventsAndOtherTypesPassUnchanged() {
        PaymentRequested current = new PaymentRequested(PaymentId.of("pay-2"), "order-2", "c-2", new BigDecimal("10.00"),
                "EUR", PaymentMethod.card("tok_8d1e", "visa", "4242"));
        String json = serializer.serialize(current, String.class).getData();

        assertThat(readThroughChain(PaymentRequested.class.getName(), json)).isEqualTo(current);
        assertThat(new CardNumberMaskingUpcaster().canUpcast(representation("io.sagashop.catalog.api.ProductAdded",
                "{\"sku\":\"x\",\"token\":\"4242424242424242\"}"))).isFalse();
        assertThat(new CardNumberMaskingUpcaster().canUpcast(representation(PaymentRequested.class.getName(), json)))
                .isFalse();
    }

    @Test
    void aCardNumberInAnEventThatAlreadyDescribesItsCardIsMaskedWithoutRepeatingMembers() {
        // Only a caller that bypasses the HTTP checks can write one (a test's command gateway):
        // it must still read back, masked, and not with brand and last4 twice.
        PaymentRequested written = new PaymentRequested(PaymentId.of("pay-3"), "order-3", "c-3", new BigDecimal("5.00"),
                "EUR", PaymentMethod.card("4242424242424242"));
        String json = serializer.serialize(written, String.class).getData();

        PaymentRequested read = (PaymentRequested) readThroughChain(PaymentRequested.class.getName(), json);

        assertThat(read.method()).isEqualTo(PaymentMethod.card("************4242"));
        assertThat(CardNumberMaskingUpcaster.mask(json)).containsOnlyOnce("\"last4\"");
    }

    private Object readThroughChain(String type, String json) {
        Stream<IntermediateEventRepresentation> upcast = chain.upcast(Stream.of(representation(type, json)));
        List<IntermediateEventRepresentation> result = upcast.toList();
        assertThat(result).hasSize(1);
        IntermediateEventRepresentation event = result.get(0);
        SerializedObject<byte[]> data = event.getData(byte[].class);
        return serializer.deserialize(data);
    }

    private InitialEventRepresentation representation(String type, String json) {
        DomainEventData<byte[]> entry = new GenericDomainEventEntry<>("PaymentAggregate", "pay-1", 0, "event-1",
                Instant.now(), type, null, json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }
}
