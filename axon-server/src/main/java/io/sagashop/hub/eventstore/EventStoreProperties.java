package io.sagashop.hub.eventstore;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the event store, under {@code hub.eventstore.*}.
 *
 * @param recentEvents        how many of the newest events per context are kept in memory for
 *                            tracking readers (rounded up to a power of two)
 * @param aggregateCacheSize  how many aggregates' last sequence numbers the writer keeps in
 *                            memory; older ones are looked up in the database
 * @param maxBatchEvents      the most events one group commit writes
 * @param maxBatchSize        the most event bytes one group commit writes (also capped by the
 *                            database's {@code max_allowed_packet})
 * @param maxTransactionSize  the largest append transaction a client may send
 * @param readPageSize        events per database round trip when a reader catches up
 * @param blacklistKeepAlive  a stream that skipped blacklisted events for this long still gets
 *                            the last skipped one when it catches up, so the client's token moves
 * @param schedulerBatch      due scheduled events published per round
 */
@ConfigurationProperties("hub.eventstore")
public record EventStoreProperties(
        @DefaultValue("65536") int recentEvents,
        @DefaultValue("200000") int aggregateCacheSize,
        @DefaultValue("20000") int maxBatchEvents,
        @DefaultValue("4MB") DataSize maxBatchSize,
        @DefaultValue("64MB") DataSize maxTransactionSize,
        @DefaultValue("2000") int readPageSize,
        @DefaultValue("5s") Duration blacklistKeepAlive,
        @DefaultValue("500") int schedulerBatch) {

    public EventStoreProperties {
        require(recentEvents > 0, "hub.eventstore.recent-events must be positive");
        require(aggregateCacheSize > 0, "hub.eventstore.aggregate-cache-size must be positive");
        require(maxBatchEvents > 0, "hub.eventstore.max-batch-events must be positive");
        require(readPageSize > 0, "hub.eventstore.read-page-size must be positive");
        require(schedulerBatch > 0, "hub.eventstore.scheduler-batch must be positive");
    }

    /** Defaults, for tests and benchmarks that build the store by hand. */
    public static EventStoreProperties defaults() {
        return new EventStoreProperties(65536, 200_000, 20_000, DataSize.ofMegabytes(4),
                DataSize.ofMegabytes(64), 2000, Duration.ofSeconds(5), 500);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
