package io.sagashop.hub.eventstore;

import static io.sagashop.hub.eventstore.HubFixture.aggregateEvents;
import static io.sagashop.hub.eventstore.HubFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.connector.event.EventStream;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.sagashop.hub.testing.TestHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same store on the embedded fallback: H2 in MySQL mode, same schema script and SQL. */
class EventStoreOnH2Test {

    private static TestHub hub;
    private static HubFixture fixture;

    @BeforeAll
    static void start() {
        hub = TestHub.startOnH2();
        fixture = HubFixture.connect(hub, "h2", Map.of());
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void appendsReadsAggregatesAndRefusesSequenceClashes() throws Exception {
        EventChannel channel = fixture.events();
        channel.appendEvents(aggregateEvents("h2-agg", 0, 3).toArray(Event[]::new)).get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> channel.appendEvents(event("h2-new", 0), event("h2-agg", 1)).get(10, TimeUnit.SECONDS))
                .hasMessageContaining("[AXONIQ-2000] Invalid sequence number 1 for aggregate h2-agg, expected 3");
        assertThat(channel.findHighestSequence("h2-new").get(10, TimeUnit.SECONDS)).isEqualTo(-1L);
        assertThat(HubFixture.read(channel, "h2-agg")).extracting(Event::getAggregateSequenceNumber)
                .containsExactly(0L, 1L, 2L);

        channel.appendSnapshot(event("h2-agg", 1, "test.State", "{}")).get(10, TimeUnit.SECONDS);
        assertThat(channel.openAggregateStream("h2-agg", true).asStream().toList())
                .extracting(Event::getAggregateSequenceNumber).containsExactly(1L, 2L);
    }

    @Test
    void streamsFromTheStartAndAnswersQueries() throws Exception {
        EventChannel channel = fixture.events();
        HubFixture.appendNonAggregateEvents(channel, "test.H2", 50, 10);
        long last = channel.getLastToken().get(10, TimeUnit.SECONDS);

        List<Long> tokens = new ArrayList<>();
        EventStream stream = channel.openStream(-1, 16);
        while (tokens.size() <= last) {
            EventWithToken next = stream.nextIfAvailable(10, TimeUnit.SECONDS);
            assertThat(next).isNotNull();
            tokens.add(next.getToken());
        }
        stream.close();
        assertThat(tokens).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(0, last).boxed().toList());

        assertThat(QueryEventsTest.run(channel, "")).hasSize((int) last + 1);
        assertThat(QueryEventsTest.run(channel, "aggregateIdentifier = \"h2-agg\"")).hasSize(3);
    }
}
