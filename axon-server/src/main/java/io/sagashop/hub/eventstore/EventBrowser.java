package io.sagashop.hub.eventstore;

import io.axoniq.axonserver.grpc.event.Event;
import com.google.protobuf.InvalidProtocolBufferException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Read-only searches through the stored events, newest first, for operators (the dashboard).
 * <p>
 * The table is indexed by token, aggregate and time only, so any other criterion (payload type,
 * correlation id, ...) is a filter over a bounded newest-first scan: a search reads at most
 * {@code scanLimit} events and says when it stopped there, so that the caller can page on from
 * {@code nextBefore}. This keeps the hot write path free of extra indexes.
 */
@Component
public class EventBrowser {

    private static final int BATCH = 500;

    private final EventStoreService service;

    public EventBrowser(EventStoreService service) {
        this.service = service;
    }

    /** The token of the newest event of the context, -1 when there is none. */
    public long head(String context) {
        return service.lastToken(context);
    }

    /**
     * Events with tokens below {@code before} (no bound when negative) and above {@code after}
     * (no bound when negative), timestamps in
     * {@code [fromMillis, toMillis]} (unbounded when null) that match {@code filter}, newest first.
     */
    public EventPage search(String context, long before, long after, Long fromMillis, Long toMillis, Predicate<Event> filter,
                            int limit, int scanLimit) {
        ContextStore store = service.store(context);
        long head = store.recent().head();
        long to = before < 0 ? head : Math.min(head, before - 1);
        if (toMillis != null && to >= 0) {
            // Tokens before the first event after the range's end; timestamps follow tokens closely.
            long firstAfterRange = service.tokenAt(context, toMillis + 1);
            to = Math.min(to, firstAfterRange - 1);
        }
        long from = fromMillis == null ? 0 : Math.max(0, service.tokenAt(context, fromMillis));
        from = Math.max(from, after + 1);
        List<BrowsedEvent> found = new ArrayList<>();
        int scanned = 0;
        long next = to;
        try {
            while (next >= from && found.size() < limit && scanned < scanLimit) {
                int batch = (int) Math.min(Math.min(BATCH, scanLimit - scanned), next - from + 1);
                List<StoredEvent> rows = store.table().readDescending(store.id(), next, batch);
                if (rows.isEmpty()) {
                    next = -1;
                    break;
                }
                for (StoredEvent row : rows) {
                    scanned++;
                    next = row.token() - 1;
                    Event event = Event.parseFrom(row.bytes());
                    if (inRange(event, fromMillis, toMillis) && filter.test(event)) {
                        found.add(new BrowsedEvent(row.token(), event));
                        if (found.size() >= limit) {
                            break;
                        }
                    }
                }
            }
        } catch (SQLException | InvalidProtocolBufferException e) {
            throw new IllegalStateException("Reading events failed: " + e.getMessage(), e);
        }
        boolean exhausted = next < from;
        return new EventPage(found, head, exhausted ? -1 : next + 1, scanned, !exhausted && found.size() < limit);
    }

    /** Every event of one aggregate (an index lookup, no scan), newest first, that matches {@code filter}. */
    public EventPage aggregate(String context, String aggregateId, long before, Predicate<Event> filter, int limit) {
        ContextStore store = service.store(context);
        long head = store.recent().head();
        List<BrowsedEvent> found = new ArrayList<>();
        int scanned = 0;
        long last = -1;
        try {
            for (StoredEvent row : store.table().readAggregateDescending(store.id(), aggregateId,
                    before < 0 ? head : before - 1)) {
                scanned++;
                Event event = Event.parseFrom(row.bytes());
                if (filter.test(event)) {
                    if (found.size() >= limit) {
                        return new EventPage(found, head, last, scanned, false);
                    }
                    found.add(new BrowsedEvent(row.token(), event));
                    last = row.token();
                }
            }
        } catch (SQLException | InvalidProtocolBufferException e) {
            throw new IllegalStateException("Reading events failed: " + e.getMessage(), e);
        }
        return new EventPage(found, head, -1, scanned, false);
    }

    private static boolean inRange(Event event, Long fromMillis, Long toMillis) {
        return (fromMillis == null || event.getTimestamp() >= fromMillis)
                && (toMillis == null || event.getTimestamp() <= toMillis);
    }
}
