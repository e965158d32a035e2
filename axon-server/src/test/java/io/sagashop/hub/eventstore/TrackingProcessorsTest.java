package io.sagashop.hub.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.grpc.event.Event;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's two streaming processors read a backlog from the start of the hub's event stream (from
 * the database) and then live events (from memory), handling each event exactly once.
 */
class TrackingProcessorsTest {

    static final String TICK = Tick.class.getName();

    @Test
    void trackingAndPooledProcessorsReadTenThousandEventsFromTheStartThenLiveEventsEachExactlyOnce() throws Exception {
        try (TestHub hub = TestHub.start(Map.of("hub.eventstore.recent-events", "1024"))) {
            AxonServerConnectionFactory producerFactory = HubFixture.connectionFactory(hub, "producer");
            try {
                AxonServerConnection producer = producerFactory.connect("default");
                // 10 000 events before any processor runs; with 1 024 in memory, most come from the database.
                List<Event> backlog = HubFixture.appendNonAggregateEvents(producer.eventChannel(), TICK, 10_000, 100);

                try (HubFixture consumer = HubFixture.connect(hub, "processors", Map.of(
                        "axon.eventhandling.processors.tracking.mode", "tracking",
                        "axon.eventhandling.processors.pooled.mode", "pooled"), Handlers.class)) {
                    Handlers handlers = consumer.bean(Handlers.class);
                    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                        assertThat(handlers.tracking).hasSize(10_000);
                        assertThat(handlers.pooled).hasSize(10_000);
                    });

                    List<Event> live = HubFixture.appendNonAggregateEvents(producer.eventChannel(), TICK, 2_000, 1);

                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                        assertThat(handlers.tracking).hasSize(12_000);
                        assertThat(handlers.pooled).hasSize(12_000);
                    });
                    for (Map<String, Integer> seen : List.of(handlers.tracking, handlers.pooled)) {
                        assertThat(seen.values()).allMatch(times -> times == 1);
                        assertThat(seen.keySet()).containsAll(backlog.stream().map(Event::getMessageIdentifier).toList())
                                .containsAll(live.stream().map(Event::getMessageIdentifier).toList());
                    }
                }
            } finally {
                producerFactory.shutdown();
            }
        }
    }

    public record Tick(int n) {
    }

    @Configuration(proxyBeanMethods = false)
    static class Handlers {
        final Map<String, Integer> tracking = new ConcurrentHashMap<>();
        final Map<String, Integer> pooled = new ConcurrentHashMap<>();

        @Bean
        TrackingHandler trackingHandler() {
            return new TrackingHandler(tracking);
        }

        @Bean
        PooledHandler pooledHandler() {
            return new PooledHandler(pooled);
        }
    }

    @ProcessingGroup("tracking")
    static class TrackingHandler {
        private final Map<String, Integer> seen;

        TrackingHandler(Map<String, Integer> seen) {
            this.seen = seen;
        }

        @EventHandler
        void on(Tick tick, EventMessage<?> message) {
            seen.merge(message.getIdentifier(), 1, Integer::sum);
        }
    }

    @ProcessingGroup("pooled")
    static class PooledHandler {
        private final Map<String, Integer> seen;

        PooledHandler(Map<String, Integer> seen) {
            this.seen = seen;
        }

        @EventHandler
        void on(Tick tick, EventMessage<?> message) {
            seen.merge(message.getIdentifier(), 1, Integer::sum);
        }
    }
}
