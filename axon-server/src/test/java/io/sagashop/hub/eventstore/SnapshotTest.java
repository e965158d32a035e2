package io.sagashop.hub.eventstore;

import static io.sagashop.hub.eventstore.HubFixture.aggregateEvents;
import static io.sagashop.hub.eventstore.HubFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.grpc.event.Event;
import io.sagashop.hub.eventstore.EventSourcedAggregateTest.Account;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Snapshots: stored, listed newest first, and used as the starting point of an aggregate load. */
class SnapshotTest {

    private static HubFixture fixture;

    @BeforeAll
    static void start() {
        fixture = HubFixture.start("snapshots");
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void anAggregateLoadsFromItsLatestSnapshotPlusTheEventsAfterIt() {
        EventStore eventStore = fixture.bean(EventStore.class);
        EventSourcingRepository<Account> repository = EventSourcingRepository.builder(Account.class)
                .eventStore(eventStore).build();
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            try {
                repository.newInstance(() -> new Account("acc-s", 10));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load("acc-s").execute(a -> a.deposit(5)));

        // A snapshot at sequence 1 whose state differs from what replaying the events gives
        // (15), so the loaded state shows whether the snapshot was used.
        Account state = new Account();
        state.accountId = "acc-s";
        state.balance = 1_000;
        eventStore.storeSnapshot(new GenericDomainEventMessage<>("Account", "acc-s", 1, state));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                fixture.events().loadSnapshot("acc-s").asStream().findAny().isPresent());

        DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load("acc-s").execute(a -> a.deposit(7)));

        int[] balance = new int[1];
        DefaultUnitOfWork.startAndGet(null).execute(() -> repository.load("acc-s").execute(a -> balance[0] = a.balance));
        assertThat(balance[0]).isEqualTo(1_007);

        List<? extends DomainEventMessage<?>> stream = eventStore.readEvents("acc-s").asStream().toList();
        assertThat(stream).extracting(DomainEventMessage::getSequenceNumber).containsExactly(1L, 2L);
        assertThat(stream.get(0).getPayload()).isInstanceOf(Account.class);
        assertThat(stream.get(1).getPayload()).isInstanceOf(EventSourcedAggregateTest.MoneyDeposited.class);
    }

    @Test
    void snapshotsAreListedNewestFirstWithinTheRequestedBounds() throws Exception {
        EventChannel channel = fixture.events();
        channel.appendEvents(aggregateEvents("snap-1", 0, 14).toArray(Event[]::new)).get(10, TimeUnit.SECONDS);
        for (long sequence : new long[] {3, 7, 11}) {
            assertThat(channel.appendSnapshot(event("snap-1", sequence, "test.State", "{\"at\":" + sequence + "}"))
                    .get(10, TimeUnit.SECONDS).getSuccess()).isTrue();
        }

        assertThat(sequences(channel.loadSnapshots("snap-1", 0, Long.MAX_VALUE, 10).asStream().toList()))
                .containsExactly(11L, 7L, 3L);
        assertThat(sequences(channel.loadSnapshots("snap-1", 0, 10, 10).asStream().toList()))
                .containsExactly(7L, 3L);
        assertThat(sequences(channel.loadSnapshots("snap-1", 4, Long.MAX_VALUE, 1).asStream().toList()))
                .containsExactly(11L);
        assertThat(channel.loadSnapshots("snap-1", 0, Long.MAX_VALUE, 10).asStream().toList())
                .allMatch(Event::getSnapshot);

        List<Event> fromSnapshot = channel.openAggregateStream("snap-1", true).asStream().toList();
        assertThat(fromSnapshot.get(0).getSnapshot()).isTrue();
        assertThat(sequences(fromSnapshot)).containsExactly(11L, 12L, 13L);
        assertThat(sequences(channel.openAggregateStream("snap-1", false).asStream().toList()))
                .hasSize(14).startsWith(0L, 1L).endsWith(13L);
        assertThat(sequences(channel.openAggregateStream("snap-1", 5, 8).asStream().toList()))
                .containsExactly(5L, 6L, 7L, 8L);
    }

    @Test
    void aSnapshotAtTheSameSequenceReplacesTheEarlierOne() throws Exception {
        EventChannel channel = fixture.events();
        channel.appendSnapshot(event("snap-2", 4, "test.State", "{\"v\":1}")).get(10, TimeUnit.SECONDS);
        channel.appendSnapshot(event("snap-2", 4, "test.State", "{\"v\":2}")).get(10, TimeUnit.SECONDS);

        List<Event> snapshots = channel.loadSnapshots("snap-2", 0, Long.MAX_VALUE, 10).asStream().toList();
        assertThat(snapshots).hasSize(1);
        assertThat(snapshots.get(0).getPayload().getData().toStringUtf8()).isEqualTo("{\"v\":2}");
    }

    private static List<Long> sequences(List<Event> events) {
        return events.stream().map(Event::getAggregateSequenceNumber).toList();
    }
}
