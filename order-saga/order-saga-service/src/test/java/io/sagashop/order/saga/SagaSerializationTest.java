package io.sagashop.order.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * The saga's state and its deadline payloads survive Axon's Jackson serializer (the saga store
 * and db-scheduler's task data use it), with an object mapper configured as Spring Boot's.
 */
class SagaSerializationTest {

    private static final String FULL_STATE = """
            {
              "sagaId": "saga-1", "orderId": "order-1", "customerId": "customer-1", "total": 28.00, "currency": "EUR",
              "paymentMethod": {"type": "CARD", "token": "tok_4f2a9c1e7b3d5a6f8e0c2b4d", "brand": "visa", "last4": "4242"},
              "lines": {
                "p-1": {"productId": "p-1", "quantity": 2, "status": "RESERVED"},
                "p-2": {"productId": "p-2", "quantity": 1, "status": "RELEASING"}
              },
              "paymentId": "pay-1", "payment": "REQUESTED",
              "step": "COMPENSATING", "rejection": "DEADLINE_PASSED", "rejectionDetail": "no outcome within 30 s",
              "cancellationReason": "changed my mind", "orderDeadlineId": "deadline-1",
              "orderDeadlineAt": "2026-11-26T10:00:30Z", "orderDeadlinePassed": true,
              "retryGeneration": 3, "retriesInStep": 2, "stepDeadlineId": "deadline-2",
              "stepDeadlineAt": "2026-11-26T10:00:10Z", "stepDueAt": "2026-11-26T10:00:14Z",
              "orderConfirmed": false, "orderRejected": true, "orderCancelled": false,
              "refundRecorded": true, "sentInStep": ["ReleaseStock:p-2"], "refusals": {"RejectOrder": 1}
            }""";

    /** A saga as the previous version stored it (one class for all flows, with flags this version derives). */
    private static final String STORED_BY_PREVIOUS_VERSION = """
            {
              "sagaId": "saga-1", "orderId": "order-1", "customerId": "customer-1", "total": 28.00, "currency": "EUR",
              "paymentMethod": {"type": "CARD", "token": "tok_4f2a9c1e7b3d5a6f8e0c2b4d", "brand": "visa", "last4": "4242"},
              "lines": {"p-1": {"productId": "p-1", "quantity": 2, "status": "RETURNING"}},
              "paymentId": "pay-1", "payment": "CAPTURED", "cancelPaymentSent": false, "refundPaymentSent": true,
              "step": "REFUNDING", "rejection": null, "rejectionDetail": null,
              "cancellationReason": "changed my mind", "orderDeadlineId": null,
              "orderDeadlineAt": null, "orderDeadlinePassed": false,
              "retryGeneration": 3, "retriesInStep": 0, "stepDeadlineId": "deadline-2",
              "orderConfirmed": true, "orderRejected": false, "cancelOrderSent": false, "orderCancelled": false,
              "refundRecorded": false
            }""";

    // As Spring Boot configures the mapper Axon's serializer uses.
    private final ObjectMapper mapper = Jackson2ObjectMapperBuilder.json()
            .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();

    @Test
    void everyFieldOfTheSagaRoundTrips() throws Exception {
        OrderSaga saga = mapper.readValue(FULL_STATE, OrderSaga.class);

        SerializedObject<byte[]> serialized = serializer.serialize(saga, byte[].class);
        OrderSaga back = serializer.deserialize(serialized);

        JsonNode expected = mapper.readTree(FULL_STATE);
        // Both parsed from text, so that numbers compare by their written form.
        JsonNode actual = mapper.readTree(mapper.writeValueAsString(back));
        assertThat(actual).isEqualTo(expected);
        assertThat(fieldNames(actual)).as("the test state covers every field of the saga").isEqualTo(sagaFields());
    }

    @Test
    void aSagaStoredByThePreviousVersionLoadsAndRunsItsStepsRow() throws Exception {
        OrderSaga saga = serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                STORED_BY_PREVIOUS_VERSION.getBytes(java.nio.charset.StandardCharsets.UTF_8), byte[].class,
                OrderSaga.class.getName(), null));

        assertThat(saga.step).isEqualTo(SagaStep.REFUNDING);
        assertThat(saga.sentInStep).as("nothing recorded as sent: the next handling sends what is outstanding once").isEmpty();
        assertThat(StepTable.of(saga.step).outstanding(saga)).containsExactly(
                new io.sagashop.payment.api.RefundPayment(io.sagashop.payment.api.PaymentId.of("pay-1"), "changed my mind"),
                new io.sagashop.catalog.api.ReturnStock(io.sagashop.catalog.api.ProductId.of("p-1"), "order-1", 2));
    }

    @Test
    void theCancellationSagaRoundTripsToo() throws Exception {
        OrderCancellationSaga saga = mapper.readValue(FULL_STATE, OrderCancellationSaga.class);
        OrderCancellationSaga back = serializer.deserialize(serializer.serialize(saga, byte[].class));
        assertThat(mapper.readTree(mapper.writeValueAsString(back))).isEqualTo(mapper.readTree(FULL_STATE));
    }

    @Test
    void deadlinePayloadsAndTheSagaScopeRoundTrip() {
        CommandRefused refused = new CommandRefused("CONFIRMING", "CommitStock:p-1", "409 not-reserved: no reservation");
        assertThat((Object) serializer.deserialize(serializer.serialize(refused, byte[].class))).isEqualTo(refused);
        OrderDeadline deadline = new OrderDeadline("order-1", Instant.parse("2026-11-26T10:00:30Z"));
        RetryDue retry = new RetryDue(4, Instant.parse("2026-11-26T10:00:02.500Z"));
        ScopeDescriptor scope = new SagaScopeDescriptor("OrderSaga", "saga-1");

        assertThat((Object) serializer.deserialize(serializer.serialize(deadline, byte[].class))).isEqualTo(deadline);
        assertThat((Object) serializer.deserialize(serializer.serialize(retry, byte[].class))).isEqualTo(retry);
        SagaScopeDescriptor scopeBack = serializer.deserialize(serializer.serialize(scope, byte[].class));
        assertThat(scopeBack.getType()).isEqualTo("OrderSaga");
        assertThat(scopeBack.getIdentifier()).isEqualTo("saga-1");
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> sagaFields() {
        return Arrays.stream(StepSaga.class.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers()))
                .map(Field::getName)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
