package io.sagashop.hub.eventstore;

import static io.sagashop.hub.eventstore.HubFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.sagashop.hub.platform.Http;
import io.sagashop.hub.testing.TestHub;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a client and an operator see when the writer thread keeps dying: refusals and health DOWN, no lost event. */
class WriterFailureTest {

    @Test
    void aWriterThatKeepsDyingRefusesAppendsWithAxoniq2100AndHealthGoesDown() throws Exception {
        try (TestHub hub = TestHub.start()) {
            AxonServerConnectionFactory factory = HubFixture.connectionFactory(hub, "writer-failure");
            try {
                EventChannel channel = factory.connect("default").eventChannel();
                assertThat(Http.get(hub.httpUrl() + "/actuator/health", Http.anonymous()).statusCode()).isEqualTo(200);
                hub.bean(EventStoreService.class).store("default").writer().faults(new EventWriter.Faults() {
                    @Override
                    public void afterCommit() {
                        throw new OutOfMemoryError("injected");
                    }
                });

                // Each append commits and is confirmed, then its writer thread dies; the fourth death stops the writer.
                for (int i = 0; i < 4; i++) {
                    channel.appendEvents(event("w", i)).get(10, TimeUnit.SECONDS);
                }
                assertThatThrownBy(() -> channel.appendEvents(event("w", 4)).get(10, TimeUnit.SECONDS))
                        .hasStackTraceContaining("AXONIQ-2100")
                        .hasStackTraceContaining("stopped after an unexpected error");

                var health = Http.get(hub.httpUrl() + "/actuator/health", Http.anonymous());
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("DOWN");
                List<Long> stored = HubFixture.read(channel, "w").stream().map(e -> e.getAggregateSequenceNumber()).toList();
                assertThat(stored).as("every confirmed append is readable").containsExactly(0L, 1L, 2L, 3L);
            } finally {
                factory.shutdown();
            }
        }
    }
}
