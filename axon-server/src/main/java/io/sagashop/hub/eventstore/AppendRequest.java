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

    final List<Event> events;
    final List<byte[]> serialized;
    final long bytes;
    final Hook hook;
    final CompletableFuture<Long> result = new CompletableFuture<>();

    AppendRequest(List<Event> events, List<byte[]> serialized, Hook hook) {
        this.events = events;
        this.serialized = serialized;
        this.hook = hook;
        long size = 0;
        for (byte[] event : serialized) {
            size += event.length;
        }
        this.bytes = size;
    }

    static AppendRequest of(List<Event> events, Hook hook) {
        return new AppendRequest(events, events.stream().map(Event::toByteArray).toList(), hook);
    }

    static AppendRequest of(List<Event> events) {
        return of(events, null);
    }

    int size() {
        return events.size();
    }
}
