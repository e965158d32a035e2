package io.sagashop.hub.eventstore;

import static io.sagashop.hub.eventstore.HubFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.connector.ResultStream;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.connector.event.EventQueryResultEntry;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.event.axon.QueryResult;
import org.axonframework.axonserver.connector.event.axon.QueryResultStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * QueryEvents, the ad-hoc query behind the search page: the empty query, filters, live queries,
 * and the same query over snapshots.
 */
class QueryEventsTest {

    static final List<String> COLUMNS = List.of("token", "eventIdentifier", "aggregateIdentifier",
            "aggregateSequenceNumber", "aggregateType", "payloadType", "payloadRevision", "payloadData",
            "timestamp", "metaData");

    private static HubFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = HubFixture.start("queries");
        fixture.events().appendEvents(
                event("q-1", 0, "test.A", "{\"a\":0}"),
                event("q-2", 0, "test.B", "{\"b\":0}"),
                event("q-1", 1, "test.B", "{\"b\":1}"),
                event(null, 0, "test.A", "{}"),
                event("q-1", 2, "test.A", "{\"a\":2}")).get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theEmptyQueryReturnsEveryEventNewestFirstWithAllColumnsAndCompletes() throws Exception {
        List<EventQueryResultEntry> rows = run(fixture.events(), "");

        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).columns()).containsExactlyElementsOf(COLUMNS);
        assertThat(rows).extracting(row -> (Long) row.getValue("token")).containsExactly(4L, 3L, 2L, 1L, 0L);
        EventQueryResultEntry newest = rows.get(0);
        assertThat((String) newest.getValue("aggregateIdentifier")).isEqualTo("q-1");
        assertThat((Long) newest.getValue("aggregateSequenceNumber")).isEqualTo(2L);
        assertThat((String) newest.getValue("aggregateType")).isEqualTo("TestAggregate");
        assertThat((String) newest.getValue("payloadType")).isEqualTo("test.A");
        assertThat((String) newest.getValue("payloadData")).isEqualTo("{\"a\":2}");
        assertThat((Long) newest.getValue("timestamp")).isPositive();
        assertThat((String) newest.getValue("eventIdentifier")).isNotEmpty();
    }

    @Test
    void filtersByAggregateIdentifierAndPayloadType() throws Exception {
        EventChannel channel = fixture.events();
        assertThat(run(channel, "aggregateIdentifier = \"q-1\""))
                .extracting(row -> (Long) row.getValue("aggregateSequenceNumber")).containsExactly(2L, 1L, 0L);
        assertThat(run(channel, "payloadType == 'test.B'"))
                .extracting(row -> (Long) row.getValue("token")).containsExactly(2L, 1L);
        assertThat(run(channel, "aggregateIdentifier = \"q-1\" and payloadType = \"test.A\""))
                .extracting(row -> (Long) row.getValue("token")).containsExactly(4L, 0L);
        assertThat(run(channel, "payloadType = \"test.A\" | limit(2)"))
                .extracting(row -> (Long) row.getValue("token")).containsExactly(4L, 3L);
        assertThat(run(channel, "token >= 3 and payloadData contains \"a\""))
                .extracting(row -> (Long) row.getValue("token")).containsExactly(4L);
    }

    @Test
    void axonsEventStoreQueryApiGetsTheSameRows() throws Exception {
        AxonServerEventStore eventStore = fixture.bean(AxonServerEventStore.class);
        List<QueryResult> results = new ArrayList<>();
        try (QueryResultStream stream = eventStore.query("aggregateIdentifier = \"q-2\"", false)) {
            while (stream.hasNext(5, TimeUnit.SECONDS)) {
                results.add(stream.next());
            }
        }
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("payloadType")).isEqualTo("test.B");
    }

    @Test
    void aLiveQueryKeepsSendingNewlyCommittedMatchingEvents() throws Exception {
        EventChannel channel = fixture.events();
        ResultStream<EventQueryResultEntry> live = channel.queryEvents("payloadType = \"test.Live\"", true);
        try {
            assertThat(live.nextIfAvailable(300, TimeUnit.MILLISECONDS)).isNull();
            channel.appendEvents(event(null, 0, "test.Other", "{}"), event(null, 0, "test.Live", "{\"live\":1}"))
                    .get(10, TimeUnit.SECONDS);
            EventQueryResultEntry row = live.nextIfAvailable(10, TimeUnit.SECONDS);
            assertThat(row).isNotNull();
            assertThat((String) row.getValue("payloadData")).isEqualTo("{\"live\":1}");
            assertThat(live.isClosed()).isFalse();
        } finally {
            live.close();
        }
    }

    @Test
    void anInvalidQueryIsRefusedWithTheReason() throws Exception {
        ResultStream<EventQueryResultEntry> stream = fixture.events().queryEvents("payloadType ~ 3", false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!stream.isClosed() && System.nanoTime() < deadline) {
            stream.nextIfAvailable(100, TimeUnit.MILLISECONDS);
        }
        assertThat(stream.getError()).get().isInstanceOf(StatusRuntimeException.class)
                .extracting(Throwable::getMessage).asString()
                .contains("INVALID_ARGUMENT").contains("Invalid query at position 12");
    }

    @Test
    void queriesSnapshotsWithTheSameLanguageAndColumnsApartFromEvents() throws Exception {
        EventChannel channel = fixture.events();
        channel.appendSnapshot(event("snap-1", 3, "test.Snapshot", "{\"upTo\":3}")).get(10, TimeUnit.SECONDS);
        channel.appendSnapshot(event("snap-1", 7, "test.Snapshot", "{\"upTo\":7}")).get(10, TimeUnit.SECONDS);
        channel.appendSnapshot(event("snap-2", 1, "test.OtherSnapshot", "{\"upTo\":1}")).get(10, TimeUnit.SECONDS);

        List<EventQueryResultEntry> all = runOverSnapshots(channel, "");
        assertThat(all).hasSize(3);
        assertThat(all.get(0).columns()).containsExactlyElementsOf(COLUMNS);
        assertThat(all).extracting(row -> (String) row.getValue("payloadData"))
                .containsExactlyInAnyOrder("{\"upTo\":3}", "{\"upTo\":7}", "{\"upTo\":1}");

        // Filters as on events; a snapshot's token is its aggregate sequence number.
        assertThat(runOverSnapshots(channel, "aggregateIdentifier = \"snap-1\""))
                .extracting(row -> (Long) row.getValue("aggregateSequenceNumber")).containsExactly(7L, 3L);
        assertThat(runOverSnapshots(channel, "payloadType = \"test.OtherSnapshot\""))
                .extracting(row -> (String) row.getValue("aggregateIdentifier"), row -> (Long) row.getValue("token"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("snap-2", 1L));
        assertThat(runOverSnapshots(channel, "aggregateIdentifier = \"snap-1\" | limit(1)"))
                .extracting(row -> (String) row.getValue("payloadData")).containsExactly("{\"upTo\":7}");
        // Snapshots are not events, and events are not snapshots.
        assertThat(run(channel, "aggregateIdentifier = \"snap-1\"")).isEmpty();
        assertThat(runOverSnapshots(channel, "aggregateIdentifier = \"q-1\"")).isEmpty();
    }

    /** {@link #run} with {@code query_snapshots}. */
    static List<EventQueryResultEntry> runOverSnapshots(EventChannel channel, String query) throws InterruptedException {
        return collect(channel.querySnapshotEvents(query, false));
    }

    /** Runs a query that is not live and collects its rows until the hub completes it. */
    static List<EventQueryResultEntry> run(EventChannel channel, String query) throws InterruptedException {
        return collect(channel.queryEvents(query, false));
    }

    private static List<EventQueryResultEntry> collect(ResultStream<EventQueryResultEntry> stream) throws InterruptedException {
        List<EventQueryResultEntry> rows = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!stream.isClosed()) {
            assertThat(System.nanoTime()).as("query completes").isLessThan(deadline);
            EventQueryResultEntry row = stream.nextIfAvailable(100, TimeUnit.MILLISECONDS);
            if (row != null) {
                rows.add(row);
            }
        }
        assertThat(stream.getError()).isEmpty();
        return rows;
    }
}
