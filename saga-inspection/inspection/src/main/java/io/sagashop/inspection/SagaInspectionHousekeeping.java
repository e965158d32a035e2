package io.sagashop.inspection;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The library's own background thread: refreshes the gauges and, when db-scheduler does not run
 * it, prunes the journal. A failing run is logged and tried again at the next interval.
 */
class SagaInspectionHousekeeping implements SmartLifecycle {

    private static final Logger LOGGER = LoggerFactory.getLogger(SagaInspectionHousekeeping.class);

    private final SagaInspectionMetrics metrics;
    private final SagaJournalRetention retention;
    private final SagaInspectionProperties properties;
    private final Clock clock;
    private ScheduledExecutorService executor;

    /**
     * @param metrics   the gauges to refresh, or {@code null} without Micrometer
     * @param retention the retention to run, or {@code null} when db-scheduler runs it
     */
    SagaInspectionHousekeeping(SagaInspectionMetrics metrics, SagaJournalRetention retention, SagaInspectionProperties properties,
                               Clock clock) {
        this.metrics = metrics;
        this.retention = retention;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "saga-inspection-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        if (metrics != null) {
            every(properties.metricsInterval(), Duration.ZERO, "count sagas for the gauges", metrics::refresh);
        }
        if (retention != null) {
            every(properties.retentionInterval(), properties.retentionInterval(), "prune the journal",
                    () -> retention.prune(clock.instant()));
        }
    }

    private void every(Duration interval, Duration first, String what, Runnable task) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException failure) {
                LOGGER.warn("Saga inspection could not {} (tried again in {}): {}", what, interval, failure.toString());
            }
        }, first.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
