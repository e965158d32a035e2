package io.sagashop.hub.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.grpc.event.Event;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub restarts while a processor is in the middle of its stream: the client reconnects by
 * itself, the processor continues from its token, and every event is handled exactly once.
 */
class HubRestartTest {

    @Test
    void aProcessorContinuesAfterAHubRestartAndHandlesEveryEventExactlyOnce() throws Exception {
        try (TestHub hub = TestHub.start()) {
            AxonServerConnectionFactory producerFactory = HubFixture.connectionFactory(hub, "producer");
            try {
                AxonServerConnection producer = producerFactory.connect("default");
                List<Event> published = new ArrayList<>(
                        HubFixture.appendNonAggregateEvents(producer.eventChannel(), TrackingProcessorsTest.TICK, 5_000, 50));

                try (HubFixture consumer = HubFixture.connect(hub, "restart", Map.of(
                        "axon.eventhandling.processors.slow.mode", "tracking"), Handler.class)) {
                    Map<String, Integer> seen = consumer.bean(SlowHandler.class).seen;
                    await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() >= 500);

                    hub.restart();
                    assertThat(seen.size()).as("handled when the hub went down").isLessThan(5_000);

                    await().atMost(Duration.ofSeconds(30)).until(producer::isConnected);
                    published.addAll(HubFixture.appendNonAggregateEvents(
                            producer.eventChannel(), TrackingProcessorsTest.TICK, 2_000, 20));

                    await().atMost(Duration.ofSeconds(120)).until(() -> seen.size() >= 7_000);
                    // Give any duplicate a moment to show up.
                    TimeUnit.MILLISECONDS.sleep(500);
                    assertThat(seen).hasSize(7_000);
                    assertThat(seen.values()).allMatch(times -> times == 1);
                    assertThat(seen.keySet()).containsAll(published.stream().map(Event::getMessageIdentifier).toList());
                }
            } finally {
                producerFactory.shutdown();
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Handler {
        @Bean
        SlowHandler slowHandler() {
            return new SlowHandler();
        }
    }

    @ProcessingGroup("slow")
    static class SlowHandler {
        final Map<String, Integer> seen = new ConcurrentHashMap<>();

        @EventHandler
        void on(TrackingProcessorsTest.Tick tick, EventMessage<?> message) throws InterruptedException {
            seen.merge(message.getIdentifier(), 1, Integer::sum);
            // Slow enough that the restart lands mid-stream.
            TimeUnit.MICROSECONDS.sleep(500);
        }
    }
}
