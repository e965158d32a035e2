package io.sagashop.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.GenericTokenTableFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two instances of a real Axon Framework 4.13 application report their event processors to the
 * hub and obey the instructions sent through its HTTP API.
 * <p>
 * The instances read events from a local in-memory event store (not the hub's), so this test
 * does not depend on the hub's event store; they share one JDBC token store (H2, in this JVM,
 * with transactions so that claims are exclusive) with their client ids as owners, so that
 * segments are divided between them as between two processes, and split and merge (which need
 * a token store with explicit segment initialisation) work.
 */
class EventProcessorControlTest {

    private static final String COMPONENT = "processor-app";
    private static final String TRACKING = "counters";
    private static final String SUBSCRIBING = "notices";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JdbcDataSource TOKENS = new JdbcDataSource();
    private static final EventStorageEngine EVENTS = new InMemoryEventStorageEngine();

    private static TestHub hub;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        TOKENS.setURL("jdbc:h2:mem:tokens_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        hub = TestHub.start();
        first = TestClient.start(hub, COMPONENT, "app-1", settings(2), App.class);
        // The first instance claims both segments before the second one starts.
        await().atMost(Duration.ofSeconds(30)).until(() -> claimedSegments().size() == 2);
        second = TestClient.start(hub, COMPONENT, "app-2", settings(1), App.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> instancesOf(TRACKING).size() == 2);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext app : new ConfigurableApplicationContext[]{second, first}) {
            if (app != null) {
                app.close();
            }
        }
        hub.close();
    }

    @Test
    void listsProcessorsWithTheirSegmentsAndTheInstancesClaimingThem() {
        JsonNode counters = processor(TRACKING);
        assertThat(counters.get("mode").asText()).isEqualTo("Tracking");
        assertThat(counters.get("streaming").asBoolean()).isTrue();
        assertThat(counters.get("running").asBoolean()).isTrue();
        assertThat(counters.get("tokenStoreIdentifier").asText()).isNotBlank();
        assertThat(instancesOf(TRACKING)).containsExactlyInAnyOrder("app-1", "app-2");
        await().untilAsserted(() -> assertThat(claimedSegments()).containsOnlyKeys(0, 1)
                .allSatisfy((segment, owner) -> assertThat(owner).isIn("app-1", "app-2")));

        JsonNode notices = processor(SUBSCRIBING);
        assertThat(notices.get("mode").asText()).isEqualTo("Subscribing");
        assertThat(notices.get("streaming").asBoolean()).isFalse();
    }

    @Test
    void pauseAndStartAreObeyedByEveryInstance() {
        HttpResponse<String> paused = Http.patch(url(TRACKING + "/pause"));
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(paused.body()).contains("app-1", "app-2", "SUCCEEDED");
        assertThat(trackingProcessor(first).isRunning()).isFalse();
        assertThat(trackingProcessor(second).isRunning()).isFalse();
        // The hub refreshed the instances' status before answering: no waiting for the next update.
        assertThat(processor(TRACKING).get("running").asBoolean()).isFalse();

        HttpResponse<String> started = Http.patch(url(TRACKING + "/start?tokenStoreIdentifier="
                + processor(TRACKING).get("tokenStoreIdentifier").asText()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(trackingProcessor(first).isRunning()).isTrue();
        assertThat(trackingProcessor(second).isRunning()).isTrue();
        assertThat(processor(TRACKING).get("running").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> claimedSegments().size() == 2);
    }

    @Test
    void splitAndMergeChangeTheSegmentsOfTheInstancesClaimingThem() {
        await().atMost(Duration.ofSeconds(20)).until(() -> claimedSegments().keySet().equals(Set.of(0, 1)));

        HttpResponse<String> split = Http.patch(url(TRACKING + "/segments/split"));
        assertThat(split.statusCode()).as(split.body()).isEqualTo(200);
        // Of two equal halves Axon Server splits the last one reported, segment 1 (ids ascend).
        assertThat(split.body()).contains("split segment 1");
        // Segment 1 (a half) became 1 and 3 (quarters); the instance with a free thread claims 3.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(claimedSegments()).containsOnlyKeys(0, 1, 3);
            assertThat(onePartOf(1)).isEqualTo(4);
            assertThat(onePartOf(3)).isEqualTo(4);
            assertThat(onePartOf(0)).isEqualTo(2);
        });

        HttpResponse<String> merge = Http.patch(url(TRACKING + "/segments/merge"));
        assertThat(merge.statusCode()).as(merge.body()).isEqualTo(200);
        // Of the two equal quarters, the last: segment 3 merges with its sibling 1.
        assertThat(merge.body()).contains("merge segment 3");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(claimedSegments()).containsOnlyKeys(0, 1);
            assertThat(onePartOf(1)).isEqualTo(2);
        });
    }

    @Test
    void moveReleasesASegmentSoThatTheTargetInstanceClaimsIt() {
        await().atMost(Duration.ofSeconds(20)).until(() -> claimedSegments().keySet().equals(Set.of(0, 1)));
        // The target must have a free thread to claim the segment: app-1 has two, app-2 one.
        Map<Integer, String> before = claimedSegments();
        String target = before.containsValue("app-2") ? "app-1" : "app-2";
        int segment = before.entrySet().stream().filter(e -> !e.getValue().equals(target))
                .findFirst().orElseThrow().getKey();
        String owner = before.get(segment);

        HttpResponse<String> moved = Http.patch(url(TRACKING + "/segments/" + segment + "/move?target=" + target));

        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(moved.body()).contains(owner, "release segment " + segment);
        await().atMost(Duration.ofSeconds(20)).until(() -> target.equals(claimedSegments().get(segment)));
    }

    @Test
    void instructionsForWhatDoesNotExistOrDoesNotApplyAreRefused() throws Exception {
        HttpResponse<String> unknown = Http.patch(url("nope/pause"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(JSON.readTree(unknown.body()).get("detail").asText())
                .isEqualTo("Component '" + COMPONENT + "' has no event processor 'nope' in context 'default'");

        HttpResponse<String> subscribing = Http.patch(url(SUBSCRIBING + "/segments/split"));
        assertThat(subscribing.statusCode()).isEqualTo(409);
        assertThat(subscribing.body()).contains("Subscribing processor, which has no segments");
    }

    /**
     * Three threads for at most three segments: after a split every thread is busy, so no instance
     * can grab a segment released for a merge before the merging instance claims it. (Tracking
     * processors race there: a merging instance that claims the other segment itself at that
     * moment can hang in its merge.)
     */
    private static Map<String, Object> settings(int threads) {
        Map<String, Object> settings = new HashMap<>();
        // Events come from the local store defined in App, not from the hub.
        settings.put("axon.axonserver.event-store.enabled", "false");
        settings.put("axon.eventhandling.processors." + TRACKING + ".mode", "tracking");
        settings.put("axon.eventhandling.processors." + TRACKING + ".thread-count", String.valueOf(threads));
        settings.put("axon.eventhandling.processors." + TRACKING + ".initial-segment-count", "2");
        // A released segment is left alone by its old owner for twice this; the merging instance
        // must claim it within that window, after the old owner's worker noticed (up to 1 s).
        settings.put("axon.eventhandling.processors." + TRACKING + ".token-claim-interval", "3000");
        settings.put("axon.eventhandling.processors." + SUBSCRIBING + ".mode", "subscribing");
        return settings;
    }

    private static EventProcessor trackingProcessor(ConfigurableApplicationContext app) {
        return app.getBean(org.axonframework.config.Configuration.class).eventProcessingConfiguration()
                .eventProcessor(TRACKING).orElseThrow();
    }

    private static JsonNode processors() {
        HttpResponse<String> response = Http.get(hub.httpUrl() + "/v1/components/" + COMPONENT + "/processors?context=default");
        assertThat(response.statusCode()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode processor(String name) {
        return StreamSupport.stream(processors().spliterator(), false)
                .filter(p -> p.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No processor " + name + " in " + processors()));
    }

    private static List<String> instancesOf(String name) {
        List<String> ids = new ArrayList<>();
        StreamSupport.stream(processors().spliterator(), false)
                .filter(p -> p.get("name").asText().equals(name))
                .forEach(p -> p.get("instances").forEach(i -> ids.add(i.get("clientId").asText())));
        return ids;
    }

    /** Segment id to the client id claiming it, as the hub reports them. */
    private static Map<Integer, String> claimedSegments() {
        Map<Integer, String> claims = new HashMap<>();
        StreamSupport.stream(processors().spliterator(), false)
                .filter(p -> p.get("name").asText().equals(TRACKING))
                .forEach(p -> p.get("segments").forEach(s ->
                        claims.put(s.get("segmentId").asInt(), s.get("claimedBy").asText())));
        return claims;
    }

    private static int onePartOf(int segment) {
        for (JsonNode s : processor(TRACKING).get("segments")) {
            if (s.get("segmentId").asInt() == segment) {
                return s.get("onePartOf").asInt();
            }
        }
        throw new AssertionError("Segment " + segment + " is not claimed");
    }

    private static String url(String path) {
        return hub.httpUrl() + "/v1/components/" + COMPONENT + "/processors/" + path
                + (path.contains("?") ? "&" : "?") + "context=default";
    }

    /** The client application: one tracking and one subscribing processor over a local event store. */
    @Configuration(proxyBeanMethods = false)
    static class App {

        @Bean
        EventStore eventStore() {
            return EmbeddedEventStore.builder().storageEngine(EVENTS).build();
        }

        /** Claims are only exclusive within transactions (select for update, then update the owner). */
        @Bean
        PlatformTransactionManager transactionManager() {
            return new DataSourceTransactionManager(TOKENS);
        }

        @Bean
        TokenStore tokenStore(@Qualifier("serializer") Serializer serializer,
                              @Value("${axon.axonserver.client-id}") String clientId) {
            JdbcTokenStore store = JdbcTokenStore.builder()
                    .connectionProvider(new SpringDataSourceConnectionProvider(TOKENS))
                    .serializer(serializer)
                    .nodeId(clientId)
                    .build();
            store.createSchema(GenericTokenTableFactory.INSTANCE);
            return store;
        }

        @Bean
        Counter counter() {
            return new Counter();
        }

        @Bean
        Notices notices() {
            return new Notices();
        }
    }

    @ProcessingGroup(TRACKING)
    static class Counter {
        @EventHandler
        void on(String event) {
            // The processor is what the test looks at; what it handles does not matter.
        }
    }

    @ProcessingGroup(SUBSCRIBING)
    static class Notices {
        @EventHandler
        void on(String event) {
        }
    }
}
