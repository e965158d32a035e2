package io.sagashop.hub.eventstore;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.springframework.context.ConfigurableApplicationContext;

/** A hub with one Axon client connected, and raw protobuf events for tests that talk to the connector directly. */
final class HubFixture implements AutoCloseable {

    final TestHub hub;
    final ConfigurableApplicationContext client;
    private final boolean ownsHub;

    private HubFixture(TestHub hub, ConfigurableApplicationContext client, boolean ownsHub) {
        this.hub = hub;
        this.client = client;
        this.ownsHub = ownsHub;
    }

    /** A fresh hub on MariaDB and a client; closing closes both. */
    static HubFixture start(String component, Class<?>... configurations) {
        TestHub hub = TestHub.start();
        try {
            return new HubFixture(hub, TestClient.start(hub, component, component + "-1", configurations), true);
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
    }

    /** A client of a hub the caller owns; closing closes the client only. */
    static HubFixture connect(TestHub hub, String component, Map<String, Object> settings, Class<?>... configurations) {
        return new HubFixture(hub, TestClient.start(hub, component, component + "-1", settings, configurations), false);
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
            if (ownsHub) {
                hub.close();
            }
        }
    }

    /** A connector-level connection without Spring or Axon Framework: quick to open, for producers. */
    static AxonServerConnectionFactory connectionFactory(TestHub hub, String component) {
        return AxonServerConnectionFactory.forClient(component, component + "-" + UUID.randomUUID())
                .routingServers(new ServerAddress("localhost", hub.grpcPort()))
                .token(io.sagashop.hub.testing.TestHub.ADMIN_TOKEN)
                .reconnectInterval(200, TimeUnit.MILLISECONDS)
                .build();
    }

    /** A plain gRPC stub, to see exactly what the hub answers (the connector adjusts some values). */
    static <T> T grpc(TestHub hub, java.util.function.Function<ManagedChannel, T> stub, List<ManagedChannel> opened) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", hub.grpcPort()).usePlaintext().intercept(io.sagashop.hub.testing.TestHub.adminToken()).build();
        opened.add(channel);
        return stub.apply(channel);
    }

    /** Appends in transactions of {@code perTransaction}; returns the events in order. */
    static List<Event> appendNonAggregateEvents(EventChannel channel, String payloadType, int count, int perTransaction)
            throws Exception {
        List<Event> all = new ArrayList<>(count);
        for (int start = 0; start < count; start += perTransaction) {
            List<Event> transaction = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + perTransaction); i++) {
                transaction.add(event(null, 0, payloadType, "{\"n\":" + i + "}"));
            }
            channel.appendEvents(transaction.toArray(Event[]::new)).get(30, TimeUnit.SECONDS);
            all.addAll(transaction);
        }
        return all;
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
