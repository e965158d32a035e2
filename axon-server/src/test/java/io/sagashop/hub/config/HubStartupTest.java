package io.sagashop.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sagashop.hub.testing.TestHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HubStartupTest {

    @Test
    void startsOnMariaDbAndReportsHealthy() throws Exception {
        try (TestHub hub = TestHub.start()) {
            assertThat(hub.grpcPort()).isPositive();
            var response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(hub.httpUrl() + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"UP\"");
        }
    }

    @Test
    void reportsAnAxonServerVersionAndItsOwnIdentityInActuatorInfo() throws Exception {
        try (TestHub hub = TestHub.startOnH2()) {
            var response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(hub.httpUrl() + "/actuator/info"))
                            .header("AxonIQ-Access-Token", TestHub.ADMIN_TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            var info = new ObjectMapper().readTree(response.body());
            // Where tools read Axon Server's version: the release the hub answers like.
            assertThat(info.at("/app/version").asText()).isEqualTo(ServerIdentity.AXON_SERVER_VERSION).startsWith("2025.");
            // Its own identity beside it. Filtered from the pom at build time: a literal @project.version@
            // means filtering is off.
            assertThat(info.at("/hub/name").asText()).isEqualTo("sagashop-hub");
            assertThat(info.at("/hub/version").asText()).isNotBlank().doesNotContain("@").matches("\\d+\\.\\d+\\.\\d+.*")
                    .isNotEqualTo(ServerIdentity.AXON_SERVER_VERSION);
        }
    }
}
