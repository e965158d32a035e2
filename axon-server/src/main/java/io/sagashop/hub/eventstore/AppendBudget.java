package io.sagashop.hub.eventstore;

import io.grpc.Status;
import io.sagashop.hub.grpc.ErrorCode;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of appends the hub holds and has not stored yet, over all clients and contexts: an
 * event is counted when it arrives and released when its transaction is stored, refused or
 * abandoned. Past {@code hub.eventstore.max-pending-append-size} an arriving event fails its
 * transaction with {@code RESOURCE_EXHAUSTED} / {@code AXONIQ-1900}, so a flood of appends
 * cannot fill the heap while the writer catches up.
 */
final class AppendBudget {

    /** What an event costs besides its bytes (its objects, the queue entries). */
    static final int EVENT_OVERHEAD = 256;

    private final long max;
    private final AtomicLong used = new AtomicLong();

    AppendBudget(long max) {
        this.max = max;
    }

    static long cost(IncomingEvent event) {
        return event.bytes().length + (long) EVENT_OVERHEAD;
    }

    /** Reserves {@code bytes}, or refuses with the error to send. */
    void reserve(long bytes) {
        long now = used.addAndGet(bytes);
        if (now > max) {
            used.addAndGet(-bytes);
            throw ErrorCode.TOO_MANY_REQUESTS.asException(Status.RESOURCE_EXHAUSTED, "The hub holds " + (now - bytes)
                    + " bytes of appends not yet stored, its limit is " + max
                    + " (hub.eventstore.max-pending-append-size); nothing of this transaction was stored, try again");
        }
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }
}
