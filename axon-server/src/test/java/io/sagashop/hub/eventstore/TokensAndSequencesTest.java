package io.sagashop.hub.eventstore;

import static io.sagashop.hub.eventstore.HubFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc.EventStoreBlockingStub;
import io.axoniq.axonserver.grpc.event.GetFirstTokenRequest;
import io.axoniq.axonserver.grpc.event.GetLastTokenRequest;
import io.axoniq.axonserver.grpc.event.GetTokenAtRequest;
import io.axoniq.axonserver.grpc.event.ReadHighestSequenceNrRequest;
import io.grpc.ManagedChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * First, last and at-time tokens and an aggregate's highest sequence number, as the hub answers
 * them on the wire and as Axon's event store turns them into tracking tokens.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokensAndSequencesTest {

    private static HubFixture fixture;
    private static final List<ManagedChannel> channels = new ArrayList<>();
    private static EventStoreBlockingStub stub;

    @BeforeAll
    static void start() {
        fixture = HubFixture.start("tokens");
        stub = HubFixture.grpc(fixture.hub, EventStoreGrpc::newBlockingStub, channels)
                .withDeadlineAfter(1, TimeUnit.MINUTES);
    }

    @AfterAll
    static void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void anEmptyStoreAnswersFirstTokenZeroLastTokenMinusOneAndNoSequence() {
        assertThat(stub.getFirstToken(GetFirstTokenRequest.getDefaultInstance()).getToken()).isZero();
        assertThat(stub.getLastToken(GetLastTokenRequest.getDefaultInstance()).getToken()).isEqualTo(-1);
        assertThat(stub.getTokenAt(GetTokenAtRequest.newBuilder().setInstant(0).build()).getToken()).isEqualTo(-1);
        assertThat(highest("nobody", 0)).isEqualTo(-1);

        EventStore eventStore = fixture.bean(EventStore.class);
        assertThat(eventStore.createTailToken()).isNull();
        assertThat(eventStore.createHeadToken()).isNull();
        assertThat(eventStore.lastSequenceNumberFor("nobody")).isEmpty();
    }

    @Test
    @Order(2)
    void tokensAndSequencesFollowTheAppendedEvents() throws Exception {
        EventChannel channel = fixture.events();
        long t0 = System.currentTimeMillis() - 60_000;
        channel.appendEvents(
                event("tok-1", 0).toBuilder().setTimestamp(t0).build(),
                event("tok-1", 1).toBuilder().setTimestamp(t0 + 1_000).build(),
                event("tok-1", 2).toBuilder().setTimestamp(t0 + 2_000).build(),
                event("test.Other").toBuilder().setTimestamp(t0 + 3_000).build()).get(10, TimeUnit.SECONDS);

        assertThat(stub.getFirstToken(GetFirstTokenRequest.getDefaultInstance()).getToken()).isZero();
        assertThat(stub.getLastToken(GetLastTokenRequest.getDefaultInstance()).getToken()).isEqualTo(3);
        assertThat(tokenAt(t0 - 5)).isZero();
        assertThat(tokenAt(t0)).isZero();
        assertThat(tokenAt(t0 + 1)).isEqualTo(1);
        assertThat(tokenAt(t0 + 1_000)).isEqualTo(1);
        assertThat(tokenAt(t0 + 2_500)).isEqualTo(3);
        // Later than every event: the token after the newest, so a stream starts at the head.
        assertThat(tokenAt(t0 + 10_000)).isEqualTo(4);

        assertThat(highest("tok-1", 0)).isEqualTo(2);
        assertThat(highest("tok-1", 2)).isEqualTo(2);
        assertThat(highest("tok-1", 3)).isEqualTo(-1);

        EventStore eventStore = fixture.bean(EventStore.class);
        // Axon's tokens name the last event already seen, so they are one below the hub's.
        assertThat(eventStore.createTailToken()).isNull();
        assertThat(eventStore.createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(3));
        assertThat(eventStore.createTokenAt(Instant.ofEpochMilli(t0 + 1_000))).isEqualTo(new GlobalSequenceTrackingToken(0));
        assertThat(eventStore.lastSequenceNumberFor("tok-1")).isEqualTo(Optional.of(2L));
    }

    @Test
    @Order(3)
    void tokenAtFindsTheFirstQualifyingEventEvenWhenClientClocksDisagree() throws Exception {
        EventChannel channel = fixture.events();
        long first = channel.getLastToken().get(10, TimeUnit.SECONDS) + 1;
        long t0 = System.currentTimeMillis() + 3_600_000;
        // Three clients with skewed clocks: timestamps out of token order.
        channel.appendEvents(event("test.Skew").toBuilder().setTimestamp(t0 + 5_000).build(),
                event("test.Skew").toBuilder().setTimestamp(t0 + 1_000).build(),
                event("test.Skew").toBuilder().setTimestamp(t0 + 3_000).build()).get(10, TimeUnit.SECONDS);

        assertThat(tokenAt(t0 + 2_000)).isEqualTo(first);
        assertThat(tokenAt(t0 + 500)).isEqualTo(first);
        assertThat(tokenAt(t0 + 4_000)).isEqualTo(first);
        assertThat(tokenAt(t0 + 6_000)).isEqualTo(first + 3);
    }

    @Test
    @Order(4)
    void tokenAtBinarySearchesAStoreOfManyEventsWithoutATimeIndex() throws Exception {
        EventChannel channel = fixture.events();
        long first = channel.getLastToken().get(10, TimeUnit.SECONDS) + 1;
        long t0 = System.currentTimeMillis() + 7_200_000;
        List<io.axoniq.axonserver.grpc.event.Event> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(event("test.Many").toBuilder().setTimestamp(t0 + 10L * i).build());
        }
        channel.appendEvents(events.toArray(io.axoniq.axonserver.grpc.event.Event[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(tokenAt(t0)).isEqualTo(first);
        assertThat(tokenAt(t0 + 10L * 137)).isEqualTo(first + 137);
        assertThat(tokenAt(t0 + 10L * 137 + 5)).isEqualTo(first + 138);
        assertThat(tokenAt(t0 + 10L * 299)).isEqualTo(first + 299);
        assertThat(tokenAt(t0 + 10L * 299 + 1)).isEqualTo(first + 300);
        // Earlier than these, later than the skewed events of the test before: its first event.
        assertThat(tokenAt(t0 - 1_000)).isEqualTo(first);
    }

    private static long tokenAt(long instant) {
        return stub.getTokenAt(GetTokenAtRequest.newBuilder().setInstant(instant).build()).getToken();
    }

    private static long highest(String aggregateId, long from) {
        return stub.readHighestSequenceNr(ReadHighestSequenceNrRequest.newBuilder()
                .setAggregateId(aggregateId).setFromSequenceNr(from).build()).getToSequenceNr();
    }
}
