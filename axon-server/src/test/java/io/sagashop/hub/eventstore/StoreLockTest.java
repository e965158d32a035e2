package io.sagashop.hub.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.sagashop.hub.EmbeddedHub;
import io.sagashop.hub.testing.TestDatabase;
import io.sagashop.hub.testing.TestHub;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two hubs on one schema would both assign the global index: the second refuses to start and
 * names the first, and a killed hub leaves no lock behind.
 */
class StoreLockTest {

    private String schema;

    @BeforeEach
    void createSchema() {
        schema = TestDatabase.createSchema("locktest");
    }

    @AfterEach
    void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void aSecondHubOnTheSameSchemaRefusesToStartNamingTheFirstAndStartsOnceTheFirstStopped() {
        EmbeddedHub first = EmbeddedHub.start(settings(schema));
        try {
            Throwable refused = catchThrowable(() -> EmbeddedHub.start(settings(schema)).close());
            assertThat(rootMessage(refused))
                    .startsWith("Another hub already uses the event store in schema " + schema + ": hub sagashop-hub on host ")
                    .contains(", pid " + ProcessHandle.current().pid() + ", started ")
                    .contains("stop the other hub first");
            assertThat(first.bean(EventStoreService.class).writerFailures()).as("the first hub is unharmed").isEmpty();
        } finally {
            first.close();
        }
        try (EmbeddedHub second = EmbeddedHub.start(settings(schema))) {
            assertThat(second.bean(StoreLock.class).lost()).isNull();
        }
    }

    @Test
    void aHubKilledWithSigkillLeavesTheSchemaFreeForTheNextOne() throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                KillableHub.class.getName(), TestDatabase.jdbcUrl(schema));
        Process other = new ProcessBuilder(command).redirectErrorStream(true).start();
        java.util.Queue<String> output = new java.util.concurrent.ConcurrentLinkedQueue<>();
        try {
            // The child's output is read to its end on a thread of its own, not the common pool (one
            // thread on two cores, and maybe busy): a child nobody reads blocks on a full pipe.
            java.util.concurrent.ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "killable-hub-output");
                thread.setDaemon(true);
                return thread;
            });
            CompletableFuture<Boolean> started = new CompletableFuture<>();
            reader.execute(() -> {
                try (var lines = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        output.add(line);
                        if (line.equals(KillableHub.STARTED)) {
                            started.complete(true);
                        }
                    }
                } catch (java.io.IOException e) {
                    // the child is gone
                }
                started.complete(false);
            });
            boolean up;
            try {
                up = started.get(180, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                up = false;
            }
            assertThat(up).as("the other hub started; its output:%n%s", String.join("\n", output)).isTrue();

            Throwable refused = catchThrowable(() -> EmbeddedHub.start(settings(schema)).close());
            assertThat(rootMessage(refused)).contains(", pid " + other.pid() + ", started ");

            other.destroyForcibly();   // SIGKILL: no shutdown hook, no lock released by the hub itself
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            other.destroyForcibly();
        }
        try (EmbeddedHub next = EmbeddedHub.start(settings(schema))) {
            assertThat(next.bean(StoreLock.class).lost()).isNull();
        }
    }

    @Test
    void aHubWhoseLockIsTakenByAnotherStopsWritingAndReportsDown() throws Exception {
        try (EmbeddedHub hub = EmbeddedHub.start(settings(schema));
             Connection other = DriverManager.getConnection(TestDatabase.jdbcUrl(schema),
                     System.getenv().getOrDefault("TEST_DB_USER", "root"),
                     System.getenv().getOrDefault("TEST_DB_PASSWORD", ""))) {
            long holder;
            try (ResultSet rs = other.createStatement().executeQuery("SELECT connection_id FROM hub_owner")) {
                assertThat(rs.next()).isTrue();
                holder = rs.getLong(1);
            }
            // The hub's lock connection dies (a network cut, a DBA's KILL) and someone else takes the lock.
            other.createStatement().execute("KILL " + holder);
            // KILL takes effect asynchronously: wait for the lock to be released.
            try (ResultSet rs = other.createStatement().executeQuery("SELECT GET_LOCK('"
                    + StoreLock.lockName(schema) + "', 10)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isOne();
            }

            StoreLock lock = hub.bean(StoreLock.class);
            await().atMost(Duration.ofSeconds(StoreLock.CHECK_SECONDS * 3L)).until(() -> lock.lost() != null);
            assertThat(lock.lost()).startsWith("This hub lost the event store lock of schema " + schema)
                    .contains("Another hub already uses the event store");
            EventStoreService events = hub.bean(EventStoreService.class);
            assertThat(events.writerFailures()).containsOnlyKeys("default");
            EventStoreService.AppendTransaction transaction = events.startTransaction("default");
            transaction.add(IncomingEvent.of(HubFixture.event("after-loss", 0)));
            Throwable refused = catchThrowable(() -> transaction.commit().get(10, TimeUnit.SECONDS));
            assertThat(refused).hasRootCauseInstanceOf(io.grpc.StatusRuntimeException.class)
                    .rootCause().hasMessageStartingWith("UNAVAILABLE: [AXONIQ-2100] This hub lost the event store lock");
            var health = io.sagashop.hub.platform.Http.get(hub.httpUrl() + "/actuator/health",
                    io.sagashop.hub.platform.Http.anonymous());
            assertThat(health.statusCode()).isEqualTo(503);
        }
    }

    static Map<String, Object> settings(String schema) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("spring.datasource.url", TestDatabase.jdbcUrl(schema));
        settings.put("spring.datasource.username", System.getenv().getOrDefault("TEST_DB_USER", "root"));
        settings.put("spring.datasource.password", System.getenv().getOrDefault("TEST_DB_PASSWORD", ""));
        settings.put("hub.access.tokens.admin", TestHub.ADMIN_TOKEN);
        settings.put("hub.access.tokens-file", "target/test-hub-has-no-tokens-file");
        return settings;
    }

    private static String rootMessage(Throwable failure) {
        assertThat(failure).as("the hub refused to start").isNotNull();
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** A hub in a process of its own, to be killed. */
    static final class KillableHub {
        static final String STARTED = "KILLABLE-HUB-STARTED";

        public static void main(String[] args) throws InterruptedException {
            String schemaUrl = args[0];
            Map<String, Object> settings = settings("unused");
            settings.put("spring.datasource.url", schemaUrl);
            EmbeddedHub.start(settings);
            System.out.println(STARTED);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
