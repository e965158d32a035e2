package io.sagashop.hub.eventstore;

import io.axoniq.axonserver.grpc.event.ColumnsResponse;
import io.axoniq.axonserver.grpc.event.Confirmation;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.QueryEventsRequest;
import io.axoniq.axonserver.grpc.event.QueryEventsResponse;
import io.axoniq.axonserver.grpc.event.QueryValue;
import io.axoniq.axonserver.grpc.event.RowResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.sagashop.hub.grpc.ErrorCode;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One QueryEvents stream: the column names first, then the matching events newest first (the
 * search page shows the latest events on top), then, for a live query, matching events as they
 * are committed. A query that is not live completes after the last historic row. Every message
 * uses one of the client's permits, the column names included, as the client counts them so.
 * <p>
 * With {@code query_snapshots} the same query runs over the stored snapshots instead, newest
 * first, in the same columns; a snapshot has no global token, so its {@code token} is its
 * aggregate sequence number. A live snapshot query sends the snapshots there are, then
 * {@code files_completed}, and stays open without sending later ones.
 */
public final class QueryStream extends StreamPump<QueryEventsResponse> implements RecentEvents.Listener {

    private final Function<String, ContextStore> stores;
    private final AtomicLong permits = new AtomicLong();
    // Pump thread only, after the first request.
    private ContextStore store;
    private EventQuery query;
    private boolean live;
    private boolean columnsSent;
    private long startHead;
    private Iterator<StoredEvent> aggregateEvents;
    private boolean snapshots;
    private long snapshotOffset;
    private boolean idle;
    private long historicNext;
    private final ArrayDeque<StoredEvent> page = new ArrayDeque<>();
    private EventCursor liveCursor;
    private long rows;
    private volatile QueryEventsRequest first;

    QueryStream(Function<String, ContextStore> stores, ServerCallStreamObserver<QueryEventsResponse> out,
                Executor executor) {
        super(out, executor);
        this.stores = stores;
    }

    /** The opening request (query and permits), or a permit top-up. */
    public void request(QueryEventsRequest request) {
        if (first == null) {
            first = request;   // requests arrive one at a time on the call's thread
        }
        permits.addAndGet(Math.max(0, request.getNumberOfPermits()));
        signal();
    }

    /** The client completed or broke its side of the stream. */
    public void clientDone() {
        cancel();
    }

    @Override
    public void committed() {
        signal();
    }

    @Override
    public void closeBy(StatusRuntimeException reason) {
        close(reason);
    }

    @Override
    protected boolean pump() throws Exception {
        if (query == null && !open()) {
            return false;
        }
        while (permits.get() > 0 && out.isReady() && !stopRequested()) {
            if (!columnsSent) {
                send(QueryEventsResponse.newBuilder()
                        .setColumns(ColumnsResponse.newBuilder().addAllColumn(EventQuery.COLUMNS)).build());
                columnsSent = true;
                continue;
            }
            if (query.limit() >= 0 && rows >= query.limit()) {
                return true;
            }
            if (idle) {
                return false;
            }
            if (liveCursor == null) {
                StoredEvent event = nextHistoric();
                if (event == null) {
                    if (!live) {
                        return true;
                    }
                    if (snapshots) {
                        // Snapshots taken later are not streamed: the query stays open until the client ends it.
                        idle = true;
                        send(QueryEventsResponse.newBuilder()
                                .setFilesCompleted(Confirmation.newBuilder().setSuccess(true)).build());
                        return false;
                    }
                    liveCursor = new EventCursor(store, startHead + 1);
                    store.recent().addListener(this);
                    send(QueryEventsResponse.newBuilder()
                            .setFilesCompleted(Confirmation.newBuilder().setSuccess(true)).build());
                    continue;
                }
                consider(event);
            } else {
                StoredEvent event = liveCursor.poll();
                if (event == null) {
                    return false;
                }
                consider(event);
            }
        }
        return false;
    }

    private boolean open() throws Exception {
        QueryEventsRequest request = first;
        if (request == null) {
            return false;
        }
        snapshots = request.getQuerySnapshots();
        try {
            query = EventQuery.parse(request.getQuery());
        } catch (IllegalArgumentException e) {
            throw ErrorCode.VALIDATION_FAILED.asException(Status.INVALID_ARGUMENT, e.getMessage());
        }
        store = stores.apply(request.getContextName());
        live = request.getLiveEvents();
        startHead = store.recent().head();
        historicNext = startHead;
        String aggregate = query.aggregateIdentifier();
        if (snapshots) {
            if (aggregate != null) {
                aggregateEvents = store.table().snapshots(store.id(), aggregate, 0, Long.MAX_VALUE, Integer.MAX_VALUE)
                        .stream().map(QueryStream::snapshot).iterator();
            }
        } else if (aggregate != null) {
            aggregateEvents = store.table().readAggregateDescending(store.id(), aggregate, startHead).iterator();
        }
        return true;
    }

    private StoredEvent nextHistoric() throws Exception {
        if (aggregateEvents != null) {
            return aggregateEvents.hasNext() ? aggregateEvents.next() : null;
        }
        if (snapshots) {
            if (page.isEmpty() && snapshotOffset >= 0) {
                List<StoredEvent> found = store.table().snapshotPage(store.id(), snapshotOffset,
                        store.properties().readPageSize());
                page.addAll(found);
                snapshotOffset = found.isEmpty() ? -1 : snapshotOffset + found.size();
            }
            return page.pollFirst();
        }
        if (page.isEmpty() && historicNext >= 0) {
            List<StoredEvent> events = store.table().readDescending(store.id(), historicNext,
                    store.properties().readPageSize());
            page.addAll(events);
            historicNext = events.isEmpty() ? -1 : events.get(events.size() - 1).token() - 1;
        }
        return page.pollFirst();
    }

    /** A stored snapshot as a row source: its aggregate sequence number stands in for the token. */
    private static StoredEvent snapshot(byte[] bytes) {
        try {
            return new StoredEvent(Event.parseFrom(bytes).getAggregateSequenceNumber(), bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("A stored snapshot is not an Event", e);
        }
    }

    private void consider(StoredEvent stored) throws Exception {
        Event event = Event.parseFrom(stored.bytes());
        if (query.matches(stored.token(), event)) {
            RowResponse.Builder row = RowResponse.newBuilder()
                    .addIdValues(number(stored.token()))
                    .addSortValues(number(stored.token()));
            for (String column : EventQuery.COLUMNS) {
                Object value = EventQuery.value(column, stored.token(), event);
                row.putValues(column, value instanceof Long n ? number(n)
                        : QueryValue.newBuilder().setTextValue((String) value).build());
            }
            send(QueryEventsResponse.newBuilder().setRow(row).build());
            rows++;
        }
    }

    private static QueryValue number(long value) {
        return QueryValue.newBuilder().setNumberValue(value).build();
    }

    private void send(QueryEventsResponse response) {
        out.onNext(response);
        permits.decrementAndGet();
    }

    @Override
    protected void finished() {
        if (store != null) {
            store.recent().removeListener(this);
        }
    }
}
