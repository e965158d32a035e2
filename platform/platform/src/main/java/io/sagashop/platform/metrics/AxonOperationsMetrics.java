package io.sagashop.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two gauges per service, measured every {@link #PERIOD} on a thread of their own so that a scrape
 * never waits for the hub or the database (a hub outage leaves the last values, and the hub's
 * absence is what the health check reports):
 * <ul>
 *   <li>{@value #DEAD_LETTERS} {@code {processing_group}}: events parked in the group's dead-letter
 *       queue, for every group that has one;</li>
 *   <li>{@value #EVENTS_BEHIND} {@code {processor}}: for every streaming processor, how many events
 *       the event store's head is ahead of the furthest-behind segment this instance holds (0 when
 *       it holds none: another instance reports them).</li>
 * </ul>
 */
public final class AxonOperationsMetrics implements AutoCloseable {

    public static final String DEAD_LETTERS = "sagashop.dead.letters";
    public static final String EVENTS_BEHIND = "sagashop.processor.events.behind";
    static final Duration PERIOD = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(AxonOperationsMetrics.class);

    private final EventProcessingConfiguration processing;
    private final StreamableMessageSource<?> eventStore;
    private final Map<String, Long> deadLetters = new ConcurrentHashMap<>();
    private final Map<String, Long> behind = new ConcurrentHashMap<>();
    private final ScheduledExecutorService measurer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sagashop-axon-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean warned;

    /**
     * @param eventStore where the processors read from (its head token), or null for a service
     *                   without one (then no processor gauge)
     */
    AxonOperationsMetrics(EventProcessingConfiguration processing, StreamableMessageSource<?> eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /** Registers the gauges of the processors and queues Axon has now, and starts measuring. */
    void start(MeterRegistry registry) {
        processing.eventProcessors().forEach((name, processor) -> {
            // Axon names a processor after its processing group unless configured otherwise; the
            // queues are the groups' (application.yml's axon.eventhandling.processors.<name>.dlq).
            if (processing.deadLetterQueue(name).isPresent()) {
                String group = name;
                deadLetters.putIfAbsent(group, 0L);
                Gauge.builder(DEAD_LETTERS, deadLetters, values -> values.getOrDefault(group, 0L))
                        .description("Events parked in the processing group's dead-letter queue")
                        .tag("processing_group", group)
                        .register(registry);
            }
            if (eventStore != null && processor instanceof StreamingEventProcessor) {
                behind.putIfAbsent(name, 0L);
                Gauge.builder(EVENTS_BEHIND, behind, values -> values.getOrDefault(name, 0L))
                        .description("Events between the event store's head and the processor's furthest-behind segment here")
                        .tag("processor", name)
                        .register(registry);
            }
        });
        measurer.scheduleWithFixedDelay(this::measure, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    void measure() {
        try {
            deadLetters.replaceAll((group, old) -> processing.deadLetterQueue(group)
                    .map(SequencedDeadLetterQueue::size).orElse(0L));
            if (eventStore != null && !behind.isEmpty()) {
                var headToken = eventStore.createHeadToken();
                OptionalLong head = headToken == null ? OptionalLong.empty() : headToken.position();
                if (head.isPresent()) {
                    behind.replaceAll((name, old) -> processing.eventProcessor(name, StreamingEventProcessor.class)
                            .map(processor -> eventsBehind(head.getAsLong(), processor.processingStatus()))
                            .orElse(old));
                }
            }
            warned = false;
        } catch (RuntimeException e) {
            // The hub or the database is away: keep the last values, say it once per outage.
            if (!warned) {
                warned = true;
                log.info("Dead-letter and processor-lag gauges keep their last values until the event store and database answer: {}",
                        e.toString());
            }
        }
    }

    static long eventsBehind(long head, Map<Integer, EventTrackerStatus> segments) {
        long furthest = 0;
        for (EventTrackerStatus status : segments.values()) {
            OptionalLong position = status.getCurrentPosition();
            if (position.isPresent()) {
                furthest = Math.max(furthest, head - position.getAsLong());
            }
        }
        return Math.max(0, furthest);
    }

    @Override
    public void close() {
        measurer.shutdownNow();
    }
}
