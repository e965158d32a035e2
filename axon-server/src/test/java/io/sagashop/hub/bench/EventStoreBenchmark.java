package io.sagashop.hub.bench;

import com.google.protobuf.ByteString;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.connector.event.EventStream;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.sagashop.hub.testing.TestDatabase;
import io.sagashop.hub.testing.TestHub;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.MySqlEventTableFactory;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Event store throughput of the hub against an in-process Axon baseline, on the same MariaDB.
 * Not a test: run it and read the table.
 * <pre>
 * mvn -pl axon-server -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.sagashop.hub.bench.EventStoreBenchmark [-Dbench.seconds=10] [-Dbench.bulkEvents=1000000]
 * </pre>
 * <ul>
 * <li>hub: the hub started in this JVM on a fresh schema; clients append through the Axon Server
 *     connector's {@code EventChannel} (one gRPC connection, the way an Axon application's
 *     event store talks to the hub) and wait for each transaction's confirmation.</li>
 * <li>both: first {@code bench.globalWarmupSeconds} (15) of 8 writers x 10 events, not counted.</li>
 * <li>axon: Axon's {@code EmbeddedEventStore} + {@code JdbcEventStorageEngine} (MySQL table factory,
 *     Jackson, Spring JDBC transactions, Hikari) on a fresh schema of the same MariaDB, appending
 *     through {@code EventStore.publish}: one JDBC transaction per call.</li>
 * </ul>
 * The targets are open side by side and take turns case by case. Each append case runs W writer threads for {@code bench.seconds} (after {@code bench.warmupSeconds}
 * not counted); each writer appends transactions of E events to its own aggregate. The bulk load
 * appends {@code bench.bulkEvents} events with 4 writers in transactions of 100 events (one new
 * aggregate per transaction). The read case opens a fresh stream at the first token and reads
 * every event in the store. Settings: {@code bench.seconds}, {@code bench.warmupSeconds}, {@code bench.globalWarmupSeconds},
 * {@code bench.bulkEvents}, {@code bench.writers} (e.g. 1,8,64), {@code bench.eventsPerTx} (e.g.
 * 1,10), {@code bench.targets} (hub,axon).
 */
public final class EventStoreBenchmark {

    private static final int PAYLOAD_BYTES = 200;
    private static final String PAYLOAD_TYPE = "io.sagashop.bench.OrderLineAdded";

    private final int seconds = Integer.getInteger("bench.seconds", 10);
    private final int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 2);
    private final int globalWarmupSeconds = Integer.getInteger("bench.globalWarmupSeconds", 15);
    private final int bulkEvents = Integer.getInteger("bench.bulkEvents", 1_000_000);
    private final List<Integer> writers = ints(System.getProperty("bench.writers", "1,8,64"));
    private final List<Integer> eventsPerTx = ints(System.getProperty("bench.eventsPerTx", "1,10"));
    private final List<String> targets = List.of(System.getProperty("bench.targets", "hub,axon").split(","));
    private final String payloadTail = "\",\"sku\":\"SKU-0001\",\"quantity\":1,\"note\":\"" + "x".repeat(PAYLOAD_BYTES - 70) + "\"}";
    private final Map<String, Map<String, Result>> results = new LinkedHashMap<>();

    record Result(double eventsPerSecond, double p50Millis, double p99Millis) {
    }

    /** What a case appends through and reads from. */
    interface Target extends AutoCloseable {
        /** Appends one transaction of {@code count} events of the aggregate, starting at {@code sequence}; waits for it. */
        void append(String aggregateId, long sequence, int count) throws Exception;

        /** Reads every event from the first token; returns how many it read. */
        long readAll(long expected) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        new EventStoreBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf("Event store benchmark: %d s per case (+%d s warm-up), bulk %,d events, %d cores, %s%n",
                seconds, warmupSeconds, bulkEvents, Runtime.getRuntime().availableProcessors(), database());
        System.out.println("Load average at start: " + loadAverage());
        Map<String, Target> stores = new LinkedHashMap<>();
        Map<String, Long> appended = new LinkedHashMap<>();
        try {
            for (String target : targets) {
                stores.put(target.trim(), open(target.trim()));
                results.put(target.trim(), new LinkedHashMap<>());
            }
            for (var store : stores.entrySet()) {
                // JIT, connection pools and the database's buffers warm up before anything is measured.
                Result warm = appendFor(store.getValue(), 8, 10, globalWarmupSeconds, 0);
                appended.put(store.getKey(), lastCount);
                System.out.printf("  %-5s warm-up %d s: %,.0f events/s (not counted)%n", store.getKey(),
                        globalWarmupSeconds, warm.eventsPerSecond());
            }
            // Targets take turns case by case, so a change in background load hits both alike.
            for (int w : writers) {
                for (int e : eventsPerTx) {
                    String name = w + " writer" + (w == 1 ? "" : "s") + " x " + e + "-event tx";
                    for (var store : stores.entrySet()) {
                        Map<String, Long> before = MariaDbCounters.read();
                        Result result = appendFor(store.getValue(), w, e, seconds, warmupSeconds);
                        appended.merge(store.getKey(), lastCount, Long::sum);
                        results.get(store.getKey()).put(name, result);
                        System.out.printf("  %-5s %-26s %,10.0f events/s  p50 %6.2f ms  p99 %6.2f ms%n",
                                store.getKey(), name, result.eventsPerSecond(), result.p50Millis(), result.p99Millis());
                        System.out.println("        MariaDB per event: " + MariaDbCounters.perEvent(before, lastCount));
                        // The writer threads have ended by now, so the per-thread list above misses them.
                        System.out.printf(Locale.ROOT, "        writer threads (the client's calls): %.1f us CPU per event%n",
                                lastWriterCpuNanos / 1_000.0 / lastCount);
                    }
                }
            }
            for (var store : stores.entrySet()) {
                Map<String, Long> before = MariaDbCounters.read();
                Result bulk = bulkLoad(store.getValue());
                appended.merge(store.getKey(), (long) bulkEvents, Long::sum);
                results.get(store.getKey()).put("bulk load 4 x 100-event tx", bulk);
                System.out.printf("  %-5s %-26s %,10.0f events/s%n", store.getKey(), "bulk load", bulk.eventsPerSecond());
                System.out.println("        MariaDB per event: " + MariaDbCounters.perEvent(before, bulkEvents));
            }
            for (var store : stores.entrySet()) {
                long start = System.nanoTime();
                long read = store.getValue().readAll(appended.get(store.getKey()));
                double rate = read / ((System.nanoTime() - start) / 1e9);
                results.get(store.getKey()).put("tracking read from token 0", new Result(rate, 0, 0));
                System.out.printf("  %-5s %-26s %,10.0f events/s (%,d events)%n", store.getKey(), "read all from 0",
                        rate, read);
            }
        } finally {
            for (Target store : stores.values()) {
                store.close();
            }
        }
        System.out.println("Load average at end: " + loadAverage());
        printTable();
    }

    /** Other work on the machine skews every figure; say how busy it was. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private long lastCount;
    private long lastWriterCpuNanos;

    private Result appendFor(Target store, int writerCount, int perTx, int seconds, int warmupSeconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writerCount);
        Recorder latency = new Recorder(3);
        AtomicLong counted = new AtomicLong();
        AtomicLong total = new AtomicLong();
        AtomicLong writerCpu = new AtomicLong();
        var threadCpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long stopAt = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writerCount; w++) {
            String aggregate = "bench-" + run + "-" + w;
            futures.add(pool.submit(() -> {
                long sequence = 0;
                long cpuFrom = threadCpu.getCurrentThreadCpuTime();
                while (true) {
                    long begin = System.nanoTime();
                    if (begin >= stopAt) {
                        writerCpu.addAndGet(threadCpu.getCurrentThreadCpuTime() - cpuFrom);
                        return null;
                    }
                    store.append(aggregate, sequence, perTx);
                    sequence += perTx;
                    long end = System.nanoTime();
                    total.addAndGet(perTx);
                    if (begin >= measureFrom && end <= stopAt) {
                        counted.addAndGet(perTx);
                        latency.recordValue((end - begin) / 1_000);
                    }
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        lastCount = total.get();
        lastWriterCpuNanos = writerCpu.get();
        var histogram = latency.getIntervalHistogram();
        return new Result(counted.get() / (double) seconds, histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0);
    }

    private Result bulkLoad(Target store) throws Exception {
        int perTx = 100;
        int transactions = bulkEvents / perTx;
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            futures.add(pool.submit(() -> {
                while (next.getAndIncrement() < transactions) {
                    store.append(UUID.randomUUID().toString(), 0, perTx);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return new Result(transactions * (double) perTx / ((System.nanoTime() - start) / 1e9), 0, 0);
    }

    private Target open(String target) throws Exception {
        return switch (target) {
            case "hub" -> new HubTarget();
            case "axon" -> new AxonTarget();
            default -> throw new IllegalArgumentException("unknown target " + target + " (hub, axon)");
        };
    }

    private void printTable() {
        System.out.println();
        System.out.println("| case | hub (events/s) | Axon JDBC baseline (events/s) | hub / baseline |");
        System.out.println("|---|---:|---:|---:|");
        Map<String, Result> hub = results.getOrDefault("hub", Map.of());
        Map<String, Result> axon = results.getOrDefault("axon", Map.of());
        var names = new java.util.LinkedHashSet<String>();
        names.addAll(hub.keySet());
        names.addAll(axon.keySet());
        for (String name : names) {
            Result h = hub.get(name);
            Result a = axon.get(name);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", name, format(h), format(a),
                    h != null && a != null ? String.format(Locale.ROOT, "%.2f", h.eventsPerSecond() / a.eventsPerSecond()) : "");
        }
    }

    private static String format(Result result) {
        return result == null ? "" : String.format(Locale.ROOT, "%,.0f", result.eventsPerSecond());
    }

    private static String database() {
        try (Connection c = java.sql.DriverManager.getConnection(TestDatabase.jdbcUrl(""), env("TEST_DB_USER", "root"),
                env("TEST_DB_PASSWORD", ""));
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT VERSION(), @@innodb_flush_log_at_trx_commit, @@innodb_buffer_pool_size")) {
            rs.next();
            return "MariaDB " + rs.getString(1) + ", innodb_flush_log_at_trx_commit=" + rs.getString(2)
                    + ", buffer pool " + rs.getLong(3) / (1024 * 1024) + " MB";
        } catch (SQLException e) {
            return "database version unknown: " + e.getMessage();
        }
    }

    private static List<Integer> ints(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The hub in this JVM, appended to through the connector's EventChannel. */
    private final class HubTarget implements Target {
        private final TestHub hub;
        private final AxonServerConnectionFactory factory;
        private final EventChannel channel;

        HubTarget() {
            hub = TestHub.start(Map.of("logging.level.root", "WARN", "logging.level.io.sagashop", "WARN"));
            factory = AxonServerConnectionFactory.forClient("bench", "bench-1")
                    .routingServers(new ServerAddress("localhost", hub.grpcPort()))
                .token(io.sagashop.hub.testing.TestHub.ADMIN_TOKEN).build();
            channel = factory.connect("default").eventChannel();
        }

        @Override
        public void append(String aggregateId, long sequence, int count) throws Exception {
            Event[] events = new Event[count];
            long now = System.currentTimeMillis();
            for (int i = 0; i < count; i++) {
                events[i] = Event.newBuilder()
                        .setMessageIdentifier(UUID.randomUUID().toString())
                        .setAggregateIdentifier(aggregateId)
                        .setAggregateSequenceNumber(sequence + i)
                        .setAggregateType("Order")
                        .setTimestamp(now)
                        .setPayload(SerializedObject.newBuilder().setType(PAYLOAD_TYPE)
                                .setData(ByteString.copyFrom("{\"orderId\":\"" + aggregateId + payloadTail, StandardCharsets.UTF_8)))
                        .putMetaData("correlationId", MetaDataValue.newBuilder().setTextValue(aggregateId).build())
                        .putMetaData("traceId", MetaDataValue.newBuilder().setTextValue(aggregateId).build())
                        .build();
            }
            channel.appendEvents(events).get(60, TimeUnit.SECONDS);
        }

        @Override
        public long readAll(long expected) throws Exception {
            long last = channel.getLastToken().get(10, TimeUnit.SECONDS);
            EventStream stream = channel.openStream(-1, 5_000, 2_500);
            long read = 0;
            try {
                while (true) {
                    EventWithToken event = stream.next();
                    read++;
                    if (event.getToken() >= last) {
                        return read;
                    }
                }
            } finally {
                stream.close();
            }
        }

        @Override
        public void close() {
            factory.shutdown();
            hub.close();
        }
    }

    /** Axon's own JDBC event store in this JVM, on a fresh schema of the same MariaDB. */
    private final class AxonTarget implements Target {
        private final String schema;
        private final HikariDataSource dataSource;
        private final EmbeddedEventStore eventStore;

        AxonTarget() throws SQLException {
            schema = TestDatabase.createSchema("benchaxon");
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(TestDatabase.jdbcUrl(schema));
            config.setUsername(env("TEST_DB_USER", "root"));
            config.setPassword(env("TEST_DB_PASSWORD", ""));
            config.setMaximumPoolSize(16);
            dataSource = new HikariDataSource(config);
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                    .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                    .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(dataSource)))
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .build();
            engine.createSchema(MySqlEventTableFactory.INSTANCE);
            eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        }

        @Override
        public void append(String aggregateId, long sequence, int count) {
            List<DomainEventMessage<?>> events = new ArrayList<>(count);
            MetaData metaData = MetaData.with("correlationId", aggregateId).and("traceId", aggregateId);
            for (int i = 0; i < count; i++) {
                events.add(new GenericDomainEventMessage<>("Order", aggregateId, sequence + i,
                        new OrderLineAdded(aggregateId, "SKU-0001", 1, "x".repeat(PAYLOAD_BYTES - 70)), metaData));
            }
            eventStore.publish(events);
        }

        @Override
        public long readAll(long expected) {
            long read = 0;
            try (TrackingEventStream stream = eventStore.openStream(null)) {
                while (read < expected) {
                    stream.nextAvailable();
                    read++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return read;
        }

        @Override
        public void close() {
            eventStore.shutDown();
            dataSource.close();
            TestDatabase.dropSchema(schema);
        }
    }

    /** The baseline's payload: the same fields the hub's JSON payload carries. */
    public record OrderLineAdded(String orderId, String sku, int quantity, String note) {
    }
}
