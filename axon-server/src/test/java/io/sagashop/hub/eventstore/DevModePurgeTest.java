package io.sagashop.hub.eventstore;

import static io.sagashop.hub.eventstore.HubFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.sagashop.hub.testing.TestHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code DELETE /v1/devmode/purge-events}: refused unless dev mode is on, then empties the store. */
class DevModePurgeTest {

    @Test
    void purgingIsRefusedWhenDevModeIsOff() throws Exception {
        try (TestHub hub = TestHub.start()) {
            HttpResponse<String> response = purge(hub);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("hub.devmode.enabled=true");
        }
    }

    @Test
    void purgingInDevModeEmptiesTheStoreAndTokensRestartAtZero() throws Exception {
        try (TestHub hub = TestHub.start(Map.of("hub.devmode.enabled", "true"))) {
            AxonServerConnectionFactory factory = HubFixture.connectionFactory(hub, "purger");
            try {
                EventChannel channel = factory.connect("default").eventChannel();
                channel.appendEvents(event("p-1", 0), event("p-1", 1)).get(10, TimeUnit.SECONDS);
                channel.appendSnapshot(event("p-1", 1)).get(10, TimeUnit.SECONDS);

                HttpResponse<String> response = purge(hub);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("default");

                assertThat(channel.getLastToken().get(10, TimeUnit.SECONDS)).isEqualTo(-1);
                assertThat(channel.findHighestSequence("p-1").get(10, TimeUnit.SECONDS)).isEqualTo(-1);
                assertThat(channel.loadSnapshot("p-1").asStream().toList()).isEmpty();
                // The aggregate may start again, and tokens start again at 0.
                channel.appendEvents(event("p-1", 0)).get(10, TimeUnit.SECONDS);
                assertThat(channel.getLastToken().get(10, TimeUnit.SECONDS)).isZero();
            } finally {
                factory.shutdown();
            }
        }
    }

    private static HttpResponse<String> purge(TestHub hub) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.httpUrl() + "/v1/devmode/purge-events"))
                .header("AxonIQ-Access-Token", TestHub.ADMIN_TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }
}
