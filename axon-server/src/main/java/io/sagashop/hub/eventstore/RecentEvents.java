package io.sagashop.hub.eventstore;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The committed head of one context and a ring of its newest events, which tracking readers near
 * the head are served from. Only the writer thread appends; any thread reads.
 * <p>
 * Correctness rests on three facts: the writer publishes an event here only after its database
 * commit; it writes the ring slots before it advances {@link #head()} (a volatile write, so a
 * reader that sees the head sees the slots); and a slot carries its own token, so a reader
 * whose slot was overwritten by a newer event notices and reads that token from the database.
 * Every token up to the head is therefore either here or in the database, never missing.
 */
final class RecentEvents {

    /** An open stream: told when new events are committed (must return quickly), closed on purge or shutdown. */
    interface Listener {
        void committed();

        void closeBy(io.grpc.StatusRuntimeException reason);
    }

    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final int capacity;
    private volatile Ring ring;
    private volatile long head;

    RecentEvents(int capacity, long head) {
        this.capacity = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        this.ring = new Ring(this.capacity, head + 1);
        this.head = head;
    }

    /** The token of the newest committed event, -1 when there is none. */
    long head() {
        return head;
    }

    /** The event with this token if it is still in memory, otherwise null. */
    StoredEvent get(long token) {
        if (token > head) {
            return null;
        }
        return ring.get(token);
    }

    /** Publishes committed events (consecutive tokens continuing the head), then wakes readers. */
    void append(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Ring current = ring;
        for (StoredEvent event : events) {
            current.put(event);
        }
        head = events.get(events.size() - 1).token();
        wakeAll();
    }

    /**
     * Forgets what is in memory and continues at {@code newHead} (after a failed write whose
     * outcome is unknown, or a purge): readers below it go to the database.
     */
    void reset(long newHead) {
        ring = new Ring(capacity, newHead + 1);
        head = newHead;
        wakeAll();
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    Set<Listener> listeners() {
        return listeners;
    }

    private void wakeAll() {
        for (Listener listener : listeners) {
            listener.committed();
        }
    }

    private static final class Ring {
        private final StoredEvent[] slots;
        private final int mask;
        private final long first;

        Ring(int capacity, long first) {
            this.slots = new StoredEvent[capacity];
            this.mask = capacity - 1;
            this.first = first;
        }

        StoredEvent get(long token) {
            if (token < first) {
                return null;
            }
            StoredEvent event = slots[(int) (token & mask)];
            return event != null && event.token() == token ? event : null;
        }

        void put(StoredEvent event) {
            slots[(int) (event.token() & mask)] = event;
        }
    }
}
