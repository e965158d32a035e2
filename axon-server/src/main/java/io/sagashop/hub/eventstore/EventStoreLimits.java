package io.sagashop.hub.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The event store's bounds under overload, under {@code hub.eventstore.*} (next to
 * {@link EventStoreProperties}). Past a bound the hub refuses with gRPC {@code RESOURCE_EXHAUSTED}
 * and Axon Server's capacity code {@code AXONIQ-1900}, naming the setting to raise, rather than
 * let its memory or threads grow without end.
 *
 * @param maxPendingAppendSize event bytes the hub holds for appends not yet stored, over all
 *                             clients: transactions still arriving plus those queued for the
 *                             writer (each event counts its size plus {@value AppendBudget#EVENT_OVERHEAD}
 *                             bytes); an event past it fails its transaction
 * @param readerThreads        threads that read events for streams (tracking, aggregate, query) and
 *                             threads that read ahead for them (as many again); streams beyond
 *                             take turns
 * @param maxOpenStreams       open tracking and live query streams per context; another is refused
 */
@ConfigurationProperties("hub.eventstore")
public record EventStoreLimits(
        @DefaultValue("128MB") DataSize maxPendingAppendSize,
        @DefaultValue("32") int readerThreads,
        @DefaultValue("5000") int maxOpenStreams) {

    public EventStoreLimits {
        if (maxPendingAppendSize.toBytes() < 1024 * 1024) {
            throw new IllegalArgumentException("hub.eventstore.max-pending-append-size must be at least 1MB, got "
                    + maxPendingAppendSize);
        }
        if (readerThreads < 1) {
            throw new IllegalArgumentException("hub.eventstore.reader-threads must be at least 1");
        }
        if (maxOpenStreams < 1) {
            throw new IllegalArgumentException("hub.eventstore.max-open-streams must be at least 1");
        }
    }

    /** Defaults, for tests and benchmarks that build the store by hand. */
    public static EventStoreLimits defaults() {
        return new EventStoreLimits(DataSize.ofMegabytes(128), 32, 5000);
    }
}
