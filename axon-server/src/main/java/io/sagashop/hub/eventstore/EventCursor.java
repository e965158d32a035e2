package io.sagashop.hub.eventstore;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads a context's committed events in token order from a starting token: from memory when
 * they are still among the recent events, otherwise from the database a page at a time. It
 * asks for exactly the next token every time, so switching between memory and database can
 * neither skip nor repeat an event. While a page from the database is being sent, the next one
 * is already being read.
 */
final class EventCursor {

    private final ContextStore store;
    private final int pageSize;
    private final ArrayDeque<StoredEvent> page = new ArrayDeque<>();
    private long next;
    private CompletableFuture<List<StoredEvent>> prefetch;
    private long prefetchFrom = -1;
    private long prefetchUntil = -1;

    EventCursor(ContextStore store, long first) {
        this.store = store;
        this.pageSize = store.properties().readPageSize();
        this.next = first;
    }

    /** The token of the event {@link #poll()} returns next. */
    long next() {
        return next;
    }

    /** The next committed event, or null when the cursor is at the head. */
    StoredEvent poll() throws SQLException {
        StoredEvent event = page.pollFirst();
        if (event == null) {
            long head = store.recent().head();
            if (next > head) {
                return null;
            }
            event = store.recent().get(next);
            if (event == null) {
                fetch(head);
                event = page.pollFirst();
            }
        }
        next = event.token() + 1;
        return event;
    }

    private void fetch(long head) throws SQLException {
        long last = Math.min(head, next + pageSize - 1);
        List<StoredEvent> events;
        if (prefetch != null && prefetchFrom == next) {
            events = await(prefetch);
            last = prefetchUntil;
        } else {
            events = store.table().readRange(store.id(), next, last);
        }
        prefetch = null;
        if (events.isEmpty() || events.size() != last - next + 1 || events.get(0).token() != next) {
            // Only a purge removes events; anything else is corruption. Never skip silently.
            throw new IllegalStateException("Events " + next + ".." + last + " of context " + store.name()
                    + " are missing from the database (found " + events.size() + ")");
        }
        page.addAll(events);
        long following = last + 1;
        if (following <= head && store.recent().get(following) == null) {
            long until = Math.min(head, following + pageSize - 1);
            prefetchFrom = following;
            prefetchUntil = until;
            prefetch = CompletableFuture.supplyAsync(() -> {
                try {
                    return store.table().readRange(store.id(), following, until);
                } catch (SQLException e) {
                    throw new CompletionException(e);
                }
            }, store.readers());
        }
    }

    private static List<StoredEvent> await(CompletableFuture<List<StoredEvent>> pending) throws SQLException {
        try {
            return pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }
}
