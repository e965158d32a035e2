package io.sagashop.hub.eventstore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writer's memory of the last sequence number per aggregate, bounded (least recently used
 * aggregates are forgotten and looked up in the database again when they come back). Only the
 * writer thread uses it, and only the writer writes events, so what it holds is the truth.
 */
final class AggregateSequences {

    private final LinkedHashMap<String, Long> lastSequence;

    AggregateSequences(int capacity) {
        this.lastSequence = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The last sequence number, -1 for an aggregate known to have no events, null when unknown. */
    Long get(String aggregateId) {
        return lastSequence.get(aggregateId);
    }

    void put(String aggregateId, long sequence) {
        lastSequence.put(aggregateId, sequence);
    }

    void clear() {
        lastSequence.clear();
    }
}
