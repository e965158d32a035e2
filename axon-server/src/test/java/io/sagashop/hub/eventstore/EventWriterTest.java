package io.sagashop.hub.eventstore;

import static io.sagashop.hub.eventstore.HubFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.sagashop.hub.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.unit.DataSize;

/** The writer on its own, on MariaDB: durability, group commit, all-or-nothing per transaction. */
class EventWriterTest {

    private String schema;
    private FaultyDataSource dataSource;
    private final List<ContextStore> opened = new ArrayList<>();

    @BeforeEach
    void createSchema() {
        schema = TestDatabase.createSchema("writertest");
        String user = env("TEST_DB_USER", "root");
        String password = env("TEST_DB_PASSWORD", "");
        Flyway.configure().dataSource(TestDatabase.jdbcUrl(schema), user, password)
                .locations("classpath:db/hub").load().migrate();
        dataSource = new FaultyDataSource(new DriverManagerDataSource(TestDatabase.jdbcUrl(schema), user, password));
    }

    @AfterEach
    void dropSchema() {
        opened.forEach(store -> store.writer().stop(5_000));
        TestDatabase.dropSchema(schema);
    }

    @Test
    void aFailedWriteFailsEveryAppendOfItsBatchStoresNothingAndUsesNoTokens() throws Exception {
        ContextStore store = open(EventStoreProperties.defaults());
        CountDownLatch hold = holdWriter(store);
        List<CompletableFuture<Long>> appends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            appends.add(store.writer().append(AppendRequest.of(List.of(event("agg-" + i, 0), event("agg-" + i, 1)))));
        }
        // Only one statement fails: the five transactions were written as one batch, so all fail.
        dataSource.failingInserts.set(1);
        hold.countDown();

        for (CompletableFuture<Long> append : appends) {
            StatusRuntimeException failure = failureOf(append);
            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(failure.getStatus().getDescription()).startsWith("[AXONIQ-9100] The events could not be stored");
        }
        assertThat(storedEvents()).isZero();
        assertThat(store.recent().head()).isEqualTo(-1);

        assertThat(store.writer().append(AppendRequest.of(List.of(event("agg-0", 0)))).get(10, TimeUnit.SECONDS))
                .as("the first token is still free").isZero();
        assertThat(storedEvents()).isOne();
    }

    @Test
    void aFailedCommitOfABatchWrittenInSeveralStatementsRollsAllOfItBack() throws Exception {
        // Statements of at most 1 KB: one transaction of 20 events needs several, so one database transaction.
        ContextStore store = open(properties(DataSize.ofKilobytes(1)));
        dataSource.failingCommits.set(1);

        StatusRuntimeException failure = failureOf(store.writer().append(AppendRequest.of(
                HubFixture.aggregateEvents("big", 0, 20))));

        assertThat(failure.getStatus().getDescription()).contains("injected commit failure");
        assertThat(storedEvents()).isZero();
        assertThat(store.recent().head()).isEqualTo(-1);
        assertThat(store.writer().append(AppendRequest.of(HubFixture.aggregateEvents("big", 0, 20)))
                .get(10, TimeUnit.SECONDS)).isZero();
        assertThat(storedEvents()).isEqualTo(20);
    }

    @Test
    void anAppendIsConfirmedAndVisibleToReadersOnlyAfterItsCommitReturned() throws Exception {
        ContextStore store = open(EventStoreProperties.defaults());
        dataSource.insertReached = new CountDownLatch(1);
        dataSource.release = new CountDownLatch(1);

        CompletableFuture<Long> append = store.writer().append(AppendRequest.of(List.of(event("slow", 0))));
        assertThat(dataSource.insertReached.await(10, TimeUnit.SECONDS)).isTrue();
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(append).isNotDone();
        assertThat(store.recent().head()).isEqualTo(-1);
        assertThat(new EventCursor(store, 0).poll()).isNull();

        dataSource.release.countDown();
        assertThat(append.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(store.recent().head()).isZero();
        assertThat(new EventCursor(store, 0).poll().token()).isZero();
    }

    @Test
    void aConflictingTransactionIsLeftOutOfItsBatchWithoutAffectingTheOthers() throws Exception {
        ContextStore store = open(EventStoreProperties.defaults());
        CountDownLatch hold = holdWriter(store);
        CompletableFuture<Long> first = store.writer().append(AppendRequest.of(List.of(event("x", 0), event("y", 0))));
        CompletableFuture<Long> clash = store.writer().append(AppendRequest.of(List.of(event("z", 0), event("x", 0))));
        CompletableFuture<Long> third = store.writer().append(AppendRequest.of(List.of(event("x", 1))));
        hold.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(failureOf(clash).getStatus().getDescription())
                .isEqualTo("[AXONIQ-2000] Invalid sequence number 0 for aggregate x, expected 1");
        assertThat(third.get(10, TimeUnit.SECONDS)).as("tokens stay gapless").isEqualTo(2);
        assertThat(storedEvents()).isEqualTo(3);
        assertThat(storedEvents("z")).isZero();
    }

    @Test
    void aggregatesTheCacheForgotAreCheckedAgainstTheDatabase() throws Exception {
        ContextStore store = open(new EventStoreProperties(64, 1, 20_000, DataSize.ofMegabytes(4),
                DataSize.ofMegabytes(64), 100, Duration.ofSeconds(5), 10));
        store.writer().append(AppendRequest.of(List.of(event("a", 0), event("a", 1)))).get(10, TimeUnit.SECONDS);
        store.writer().append(AppendRequest.of(List.of(event("b", 0)))).get(10, TimeUnit.SECONDS);

        // "a" is no longer cached (capacity 1): a new start at 0 is refused by the unique key and re-checked.
        assertThat(failureOf(store.writer().append(AppendRequest.of(List.of(event("c", 0), event("a", 0)))))
                .getStatus().getDescription()).endsWith("Invalid sequence number 0 for aggregate a, expected 2");
        assertThat(failureOf(store.writer().append(AppendRequest.of(List.of(event("a", 3)))))
                .getStatus().getDescription()).endsWith("expected 2");
        assertThat(store.writer().append(AppendRequest.of(List.of(event("a", 2)))).get(10, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(storedEvents("c")).isZero();
    }

    @Test
    void aReopenedStoreContinuesAfterTheLastCommittedToken() throws Exception {
        ContextStore store = open(EventStoreProperties.defaults());
        store.writer().append(AppendRequest.of(HubFixture.aggregateEvents("r", 0, 3))).get(10, TimeUnit.SECONDS);
        store.writer().stop(5_000);

        ContextStore reopened = open(EventStoreProperties.defaults());
        assertThat(reopened.recent().head()).isEqualTo(2);
        assertThat(reopened.writer().append(AppendRequest.of(List.of(event("r", 3)))).get(10, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(failureOf(reopened.writer().append(AppendRequest.of(List.of(event("r", 3)))))
                .getStatus().getDescription()).endsWith("expected 4");
        EventCursor cursor = new EventCursor(reopened, 0);
        for (long token = 0; token <= 3; token++) {
            assertThat(cursor.poll().token()).isEqualTo(token);
        }
        assertThat(cursor.poll()).isNull();
    }

    @Test
    void aBatchWhoseCommitReturnedIsConfirmedWhenTheWriterThreadDiesRightAfterIt() throws Exception {
        ContextStore store = open(EventStoreProperties.defaults());
        AtomicBoolean die = new AtomicBoolean(true);
        store.writer().faults(new EventWriter.Faults() {
            @Override
            public void afterCommit() {
                if (die.getAndSet(false)) {
                    throw new InjectedDeath();
                }
            }
        });

        assertThat(store.writer().append(AppendRequest.of(HubFixture.aggregateEvents("d", 0, 2))).get(10, TimeUnit.SECONDS))
                .as("committed, so confirmed although the thread died before it could publish").isZero();
        assertThat(storedEvents()).isEqualTo(2);
        assertThat(new EventCursor(store, 0).poll().token()).as("visible to readers").isZero();

        // A new writer thread took over, with the state reloaded from the database.
        assertThat(store.writer().append(AppendRequest.of(List.of(event("d", 2)))).get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(failureOf(store.writer().append(AppendRequest.of(List.of(event("d", 2))))).getStatus().getDescription())
                .endsWith("expected 3");
        assertThat(store.writer().failure()).isNull();
    }

    @Test
    void aBatchWhoseCommitIsInDoubtWhenTheWriterThreadDiesIsSettledFromTheDatabase() throws Exception {
        ContextStore store = open(EventStoreProperties.defaults());
        AtomicBoolean die = new AtomicBoolean(true);
        store.writer().faults(new EventWriter.Faults() {
            @Override
            public void beforeCommitKnown() {
                if (die.getAndSet(false)) {
                    throw new InjectedDeath();
                }
            }
        });

        // One statement in auto-commit: stored, but the thread died before it knew.
        assertThat(store.writer().append(AppendRequest.of(HubFixture.aggregateEvents("q", 0, 3))).get(10, TimeUnit.SECONDS))
                .isZero();
        assertThat(storedEvents()).isEqualTo(3);
        assertThat(store.writer().append(AppendRequest.of(List.of(event("q", 3)))).get(10, TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void aWriterThreadThatKeepsDyingStopsForGoodRefusesAppendsAndLosesNoConfirmedEvent() throws Exception {
        ContextStore store = open(EventStoreProperties.defaults());
        store.writer().faults(new EventWriter.Faults() {
            @Override
            public void afterCommit() {
                throw new InjectedDeath();
            }
        });

        // Each append commits, is confirmed, and kills its thread; the fourth death in a minute is one too many.
        for (long token = 0; token < 4; token++) {
            assertThat(store.writer().append(AppendRequest.of(List.of(event("k", token)))).get(10, TimeUnit.SECONDS))
                    .isEqualTo(token);
        }
        StatusRuntimeException refused = failureOf(store.writer().append(AppendRequest.of(List.of(event("k", 4)))));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(refused.getStatus().getDescription()).startsWith("[AXONIQ-2100] The event store of context default"
                + " stopped after an unexpected error").contains("refused until the hub is restarted");
        assertThat(store.writer().failure()).isNotNull();

        assertThat(storedEvents()).isEqualTo(4);
        EventCursor cursor = new EventCursor(store, 0);
        for (long token = 0; token < 4; token++) {
            assertThat(cursor.poll().token()).isEqualTo(token);
        }
        assertThat(cursor.poll()).isNull();
    }

    @Test
    void confirmationsLeaveInCommitOrderBetweenLargeAndSmallBatches() throws Exception {
        ContextStore store = open(EventStoreProperties.defaults());
        CountDownLatch hold = holdWriter(store);
        List<String> completed = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch unblock = new CountDownLatch(1);
        // Three transactions queued behind the held writer: one batch, confirmed by the confirmation thread,
        // which the first completion keeps busy.
        List<CompletableFuture<Long>> large = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<Long> append = store.writer().append(AppendRequest.of(List.of(event("large-" + i, 0))));
            String name = "large-" + i;
            append.whenComplete((token, error) -> {
                completed.add(name);
                if (name.equals("large-0")) {
                    busy.countDown();
                    awaitQuietly(unblock);
                }
            });
            large.add(append);
        }
        hold.countDown();
        // Not large.get(0).get(): a thread waiting in get() may run the blocking completion itself.
        assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();

        // A small batch committed after the large one must not be confirmed before it.
        CompletableFuture<Long> small = store.writer().append(AppendRequest.of(List.of(event("small", 0))));
        small.whenComplete((token, error) -> completed.add("small"));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.recent().head() == 3);
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(small).isNotDone();

        unblock.countDown();
        assertThat(small.get(10, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(completed).containsExactly("large-0", "large-1", "large-2", "small");
    }

    @Test
    void aBatchCommittedAfterAStopThatTimedOutIsStillConfirmed() throws Exception {
        ContextStore store = open(EventStoreProperties.defaults());
        CountDownLatch hold = holdWriter(store);
        List<CompletableFuture<Long>> appends = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            appends.add(store.writer().append(AppendRequest.of(List.of(event("late-" + i, 0)))));
        }
        // The stop gives up waiting for the held writer and shuts the confirmation thread down.
        store.writer().stop(1);
        hold.countDown();

        // Written after the stop (queued work is written) and confirmed although the confirmation thread is gone.
        for (int i = 0; i < 3; i++) {
            assertThat(appends.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
        }
        assertThat(storedEvents()).isEqualTo(3);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What an unexpected error on the writer thread looks like (an Error, not an SQLException). */
    private static final class InjectedDeath extends Error {
        InjectedDeath() {
            super("injected writer death");
        }
    }

    private ContextStore open(EventStoreProperties properties) throws SQLException {
        return open(properties, Runnable::run);
    }

    private ContextStore open(EventStoreProperties properties, java.util.concurrent.Executor readers) throws SQLException {
        ContextStore store = ContextStore.open("default", new EventTable(dataSource), properties, readers);
        opened.add(store);
        return store;
    }

    @Test
    void aReaderGetsEveryTokenOnceWhileCrossingBetweenDatabasePagesAndMemory() throws Exception {
        // 16 events in memory, pages of 7 from the database, read ahead on another thread.
        var readAhead = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            ContextStore store = open(new EventStoreProperties(16, 1000, 20_000, DataSize.ofMegabytes(4),
                    DataSize.ofMegabytes(64), 7, Duration.ofSeconds(5), 10), readAhead);
            appendInTransactionsOfThree(store, 100);
            EventCursor cursor = new EventCursor(store, 0);
            List<Long> tokens = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tokens.add(cursor.poll().token());
            }
            // More events arrive while the reader is behind: the ring moves on under it.
            appendInTransactionsOfThree(store, 40);
            for (StoredEvent event = cursor.poll(); event != null; event = cursor.poll()) {
                tokens.add(event.token());
                if (tokens.size() == 120) {
                    appendInTransactionsOfThree(store, 5);
                }
            }
            assertThat(tokens).containsExactlyElementsOf(java.util.stream.LongStream.range(0, 145).boxed().toList());
        } finally {
            readAhead.shutdownNow();
        }
    }

    private static void appendInTransactionsOfThree(ContextStore store, int events) throws Exception {
        for (int i = 0; i < events; i += 3) {
            List<io.axoniq.axonserver.grpc.event.Event> transaction = new ArrayList<>();
            for (int j = i; j < Math.min(events, i + 3); j++) {
                transaction.add(HubFixture.event("test.Page"));
            }
            store.writer().append(AppendRequest.of(transaction)).get(10, TimeUnit.SECONDS);
        }
    }

    private static EventStoreProperties properties(DataSize maxBatchSize) {
        return new EventStoreProperties(1024, 1000, 20_000, maxBatchSize, DataSize.ofMegabytes(64), 100,
                Duration.ofSeconds(5), 10);
    }

    /** Occupies the writer so that the next appends queue up and are written as one batch. */
    private static CountDownLatch holdWriter(ContextStore store) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch hold = new CountDownLatch(1);
        store.writer().maintenance(c -> {
            running.countDown();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        return hold;
    }

    private static StatusRuntimeException failureOf(CompletableFuture<Long> append) {
        Throwable failure = catchThrowable(() -> append.get(10, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(StatusRuntimeException.class);
        return (StatusRuntimeException) failure.getCause();
    }

    private long storedEvents() throws SQLException {
        return count("SELECT COUNT(*) FROM hub_event");
    }

    private long storedEvents(String aggregateId) throws SQLException {
        return count("SELECT COUNT(*) FROM hub_event WHERE aggregate_id = X'" + java.util.HexFormat.of()
                .formatHex(aggregateId.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "'");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getTargetDataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

}
