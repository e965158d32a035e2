package io.sagashop.hub.eventstore;

import io.axoniq.axonserver.grpc.event.Event;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One append transaction for the writer: all of its events are stored, or none. The result is
 * the token of its first event once committed, {@code null} when its hook withdrew it, or an
 * exception (a sequence clash, or a storage failure).
 */
final class AppendRequest {

    /**
     * Work done in the same database transaction as the insert (the scheduler deletes the
     * scheduled row of the event it publishes). Returning false withdraws the request.
     */
    interface Hook {
        boolean run(Connection connection) throws SQLException;
    }

    final List<IncomingEvent> events;
    final long bytes;
    final Hook hook;
    final CompletableFuture<Long> result = new CompletableFuture<>();

    AppendRequest(List<IncomingEvent> events, Hook hook) {
        this.events = events;
        this.hook = hook;
        long size = 0;
        for (IncomingEvent event : events) {
            size += event.bytes().length;
        }
        this.bytes = size;
    }

    /** Events built in the hub (tests, the scheduler). */
    static AppendRequest of(List<Event> events) {
        return new AppendRequest(events.stream().map(IncomingEvent::of).toList(), null);
    }

    int size() {
        return events.size();
    }
}
