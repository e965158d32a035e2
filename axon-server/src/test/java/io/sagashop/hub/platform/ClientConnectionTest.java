package io.sagashop.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A real Axon Framework 4.13 application connecting, being listed, reconnecting on request and leaving. */
class ClientConnectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
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
    void anApplicationRegistersIsListedReconnectsWhenAskedAndIsDroppedWhenItStops() throws Exception {
        ClientRegistry registry = hub.bean(ClientRegistry.class);
        ConfigurableApplicationContext app = TestClient.start(hub, "listed-app", "listed-app-1",
                Map.of("axon.tags.region", "eu-west"));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> registry.find("default", "listed-app-1").isPresent());

            HttpResponse<String> response = Http.get(hub.httpUrl() + "/v1/public/applications?context=default");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode application = find(JSON.readTree(response.body()), "listed-app");
            assertThat(application.get("context").asText()).isEqualTo("default");
            JsonNode instance = application.get("instances").get(0);
            assertThat(instance.get("clientId").asText()).isEqualTo("listed-app-1");
            // The connector reports its API version here (4.6 for connector 2025.2), not the framework's.
            assertThat(instance.get("version").asText()).isNotBlank();
            assertThat(instance.get("tags").get("region").asText()).isEqualTo("eu-west");
            Instant connectedSince = Instant.parse(instance.get("connectedSince").asText());
            assertThat(connectedSince).isBefore(Instant.now().plusSeconds(1));

            ConnectedClient before = registry.find("default", "listed-app-1").orElseThrow();
            assertThat(registry.requestReconnect("default", "listed-app-1")).isTrue();
            await().atMost(Duration.ofSeconds(15)).until(() -> registry.find("default", "listed-app-1")
                    .filter(c -> c != before).isPresent());
        } finally {
            app.close();
        }
        // A graceful stop closes the control stream: the instance is gone and routing is told.
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("default", "listed-app-1").isEmpty());
        assertThat(disconnects).anyMatch(d -> d.clientId().equals("listed-app-1"));
        assertThat(Http.get(hub.httpUrl() + "/v1/public/applications").body()).doesNotContain("listed-app-1");
    }

    private static JsonNode find(JsonNode applications, String name) {
        for (JsonNode application : applications) {
            if (application.get("name").asText().equals(name)) {
                return application;
            }
        }
        throw new AssertionError("No application " + name + " in " + applications);
    }
}
