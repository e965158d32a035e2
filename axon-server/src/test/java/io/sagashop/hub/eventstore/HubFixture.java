package io.sagashop.hub.eventstore;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.springframework.context.ConfigurableApplicationContext;

/** A hub with one Axon client connected, and raw protobuf events for tests that talk to the connector directly. */
final class HubFixture implements AutoCloseable {

    final TestHub hub;
    final ConfigurableApplicationContext client;

    private HubFixture(TestHub hub, ConfigurableApplicationContext client) {
        this.hub = hub;
        this.client = client;
    }

    static HubFixture start(String component, Class<?>... configurations) {
        return start(TestHub.start(), component, Map.of(), configurations);
    }

    static HubFixture start(TestHub hub, String component, Map<String, Object> settings, Class<?>... configurations) {
        try {
            return new HubFixture(hub, TestClient.start(hub, component, component + "-1", settings, configurations));
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
    }

    /** The connector's event channel of the client: the raw EventStore API. */
    EventChannel events() {
        return client.getBean(AxonServerConnectionManager.class).getConnection().eventChannel();
    }

    <T> T bean(Class<T> type) {
        return client.getBean(type);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            hub.close();
        }
    }

    static Event event(String aggregateId, long sequence) {
        return event(aggregateId, sequence, "test.Happened", "{\"n\":" + sequence + "}");
    }

    static Event event(String aggregateId, long sequence, String payloadType, String payload) {
        Event.Builder event = Event.newBuilder()
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setTimestamp(System.currentTimeMillis())
                .setPayload(SerializedObject.newBuilder().setType(payloadType)
                        .setData(ByteString.copyFrom(payload, StandardCharsets.UTF_8)));
        if (aggregateId != null) {
            event.setAggregateIdentifier(aggregateId).setAggregateSequenceNumber(sequence).setAggregateType("TestAggregate");
        }
        return event.build();
    }

    /** An event that belongs to no aggregate. */
    static Event event(String payloadType) {
        return event(null, 0, payloadType, "{}");
    }

    static List<Event> aggregateEvents(String aggregateId, long firstSequence, int count) {
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(event(aggregateId, firstSequence + i));
        }
        return events;
    }

    static List<Event> read(EventChannel channel, String aggregateId) {
        return channel.openAggregateStream(aggregateId, false).asStream().toList();
    }
}
