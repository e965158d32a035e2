package io.sagashop.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.grpc.Status;
import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Heartbeats with the hub's default timings (every 500 ms from 5 s after connecting, drop after
 * 5 s of silence), against a hand-driven client and a real Axon client.
 */
class HeartbeatTest {

    private static TestHub hub;
    private static List<ClientDisconnected> disconnects;

    @BeforeAll
    static void startHub() {
        hub = TestHub.start();
        disconnects = HubEvents.record(hub, ClientDisconnected.class);
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void aClientThatStopsHeartbeatingIsDroppedAfterTheTimeout() throws Exception {
        ClientRegistry registry = hub.bean(ClientRegistry.class);
        try (RawClient client = RawClient.connect(hub.grpcPort()).register("beating", "beater")) {
            long connected = System.nanoTime();
            client.answerHeartbeats(true);
            client.heartbeat();

            client.next(PlatformOutboundInstruction::hasHeartbeat, Duration.ofSeconds(15));
            assertThat(Duration.ofNanos(System.nanoTime() - connected))
                    .as("the hub starts heartbeating after its initial delay").isGreaterThan(Duration.ofSeconds(4));
            // Answering the hub's heartbeats keeps the client registered past the timeout.
            await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(8))
                    .until(() -> registry.find("default", "beater").isPresent() && !client.closed().isDone());
            assertThat(client.history()).filteredOn(PlatformOutboundInstruction::hasHeartbeat).hasSizeGreaterThan(5);

            client.answerHeartbeats(false);

            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> !client.closed().isDone());
            Throwable closedWith = client.closed().get(10, TimeUnit.SECONDS);
            assertThat(Status.fromThrowable(closedWith).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            await().until(() -> disconnects.stream().anyMatch(d -> d.clientId().equals("beater")));
            assertThat(disconnects).filteredOn(d -> d.clientId().equals("beater"))
                    .singleElement().satisfies(d -> assertThat(d.reason()).contains("no heartbeat"));
            assertThat(registry.find("default", "beater")).isEmpty();
        }
    }

    @Test
    void aClientThatDoesNotHeartbeatGetsNoHeartbeatsAndIsNotDropped() throws Exception {
        ClientRegistry registry = hub.bean(ClientRegistry.class);
        try (RawClient client = RawClient.connect(hub.grpcPort()).register("quiet", "quiet-one")) {
            await().during(Duration.ofSeconds(11)).atMost(Duration.ofSeconds(12))
                    .until(() -> registry.find("default", "quiet-one").isPresent());
            assertThat(client.history()).noneMatch(PlatformOutboundInstruction::hasHeartbeat);
            assertThat(client.closed()).isNotDone();
        }
    }

    @Test
    void anAxonClientWithHeartbeatsStaysConnected() {
        ClientRegistry registry = hub.bean(ClientRegistry.class);
        // The connector's defaults: a heartbeat every 10 s, so the hub's heartbeats keep it alive in between.
        try (ConfigurableApplicationContext app = TestClient.start(hub, "heartbeat-app", "heartbeat-app-1",
                Map.of("axon.axonserver.heartbeat.enabled", "true"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> registry.find("default", "heartbeat-app-1")
                    .map(ConnectedClient::sendsHeartbeats).orElse(false));
            ConnectedClient connected = registry.find("default", "heartbeat-app-1").orElseThrow();

            await().during(Duration.ofSeconds(14)).atMost(Duration.ofSeconds(15)).until(() ->
                    registry.find("default", "heartbeat-app-1").orElse(null) == connected
                            && app.getBean(AxonServerConnectionManager.class).isConnected("default"));
            assertThat(disconnects).noneMatch(d -> d.clientId().equals("heartbeat-app-1"));
        }
    }
}
