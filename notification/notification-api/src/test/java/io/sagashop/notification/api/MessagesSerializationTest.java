package io.sagashop.notification.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessagesSerializationTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();

    static Stream<Object> everyApiType() {
        NotificationView sent = new NotificationView("order-1", "customer-1", NotificationOutcome.CONFIRMED,
                NotificationChannel.EMAIL, "ann@example.com", DeliveryStatus.SENT, 1, null,
                Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:00:01Z"));
        NotificationView failed = new NotificationView("order-2", "customer-1", NotificationOutcome.REJECTED,
                NotificationChannel.SMS, "+4915112345678", DeliveryStatus.FAILED, 3, "connection refused",
                Instant.parse("2026-11-26T10:00:00Z"), null);
        return Stream.of(
                FindNotificationsQuery.byOrder("order-1"),
                FindNotificationsQuery.byCustomer("customer-1"),
                new FindNotificationsQuery("order-1", "customer-1"),
                sent,
                failed,
                new NotificationListView(List.of(sent, failed)),
                new NotificationListView(List.of()));
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
    void aQueryNeedsAnOrderOrACustomer() {
        assertThatThrownBy(() -> new FindNotificationsQuery(null, " "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
