package io.sagashop.hub.eventstore;

import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest;
import io.axoniq.axonserver.grpc.event.GetAggregateSnapshotsRequest;
import io.axoniq.axonserver.grpc.event.QueryEventsResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.config.HubProperties;
import io.sagashop.hub.grpc.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The event store's entry points, per context: appends, snapshots, aggregate reads, tracking
 * streams, tokens and ad-hoc queries. The gRPC adapter hands every call to this class.
 * <p>
 * It stops before the gRPC server does (a higher lifecycle phase): open streams are closed with
 * UNAVAILABLE so clients reconnect, queued appends are written and confirmed, new ones refused.
 */
@Component
@DependsOnDatabaseInitialization
public class EventStoreService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventStoreService.class);
    /** Identifiers are stored as VARBINARY(1024). */
    static final int MAX_AGGREGATE_ID_BYTES = 1024;
    /** How far GetTokenAt looks back for events whose client clock was behind (see EventTable). */
    static final int TOKEN_AT_LOOK_BACK = 10_000;

    private final EventTable table;
    private final EventStoreProperties properties;
    private final Map<String, ContextStore> stores = new ConcurrentHashMap<>();
    private final Map<Short, ContextStore> storesById = new ConcurrentHashMap<>();
    private final ExecutorService readers;
    private final ExecutorService readAhead;
    private final AppendBudget appendBudget;
    private final EventStoreLimits limits;
    private volatile boolean running;

    /**
     * Opens the stores once {@code lock} made this hub the only writer of the schema; if the
     * lock is lost to another hub later, every writer stops taking appends.
     */
    public EventStoreService(DataSource dataSource, EventStoreProperties properties, EventStoreLimits limits,
                             HubProperties hub, StoreLock lock) throws SQLException {
        this.table = new EventTable(dataSource);
        this.properties = properties;
        this.limits = limits;
        this.appendBudget = new AppendBudget(limits.maxPendingAppendSize().toBytes());
        // Stream pumps block on the database while catching up. A fixed number of threads: a
        // pump has at most one run queued, so the queue is bounded by the open streams, and
        // streams beyond the threads take turns. Read-ahead has threads of its own, because
        // a pump waits for its read-ahead: sharing a bounded pool could leave every thread
        // waiting for work queued behind it.
        this.readers = pool("hub-reader-", limits.readerThreads());
        this.readAhead = pool("hub-read-ahead-", limits.readerThreads());
        for (String context : hub.contexts()) {
            ContextStore store = ContextStore.open(context, table, properties, readAhead);
            stores.put(context, store);
            storesById.put(store.id(), store);
            log.info("Event store of context {} opened; next token {}", context, store.recent().head() + 1);
        }
        lock.onLost(reason -> stores.values().forEach(store -> store.writer().fail(
                ErrorCode.NO_EVENT_STORE_MASTER_AVAILABLE.asException(Status.UNAVAILABLE, reason))));
        running = true;
    }

    private static ExecutorService pool(String prefix, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    ContextStore store(String context) {
        ContextStore store = stores.get(context);
        if (store == null) {
            throw ErrorCode.OTHER.asException(Status.NOT_FOUND, "Unknown context '" + context + "'");
        }
        return store;
    }

    ContextStore store(short contextId) {
        return storesById.get(contextId);
    }

    // ---- appends

    /** Starts collecting one client's append transaction. */
    public AppendTransaction startTransaction(String context) {
        return new AppendTransaction(store(context), properties.maxTransactionSize().toBytes(), appendBudget);
    }

    CompletableFuture<Long> append(ContextStore store, Event event, AppendRequest.Hook hook) {
        IncomingEvent incoming = IncomingEvent.of(event);
        validate(incoming);
        return store.writer().append(new AppendRequest(List.of(incoming), hook));
    }

    /**
     * Events of one append transaction as the client streams them; nothing is stored before
     * commit. Its events count against {@code hub.eventstore.max-pending-append-size} from their
     * arrival until the transaction is stored, refused or {@link #abort aborted}.
     */
    public static final class AppendTransaction {
        private final ContextStore store;
        private final long maxBytes;
        private final AppendBudget budget;
        private final List<IncomingEvent> events = new ArrayList<>();
        private long bytes;
        private long reserved;

        private AppendTransaction(ContextStore store, long maxBytes, AppendBudget budget) {
            this.store = store;
            this.maxBytes = maxBytes;
            this.budget = budget;
        }

        /**
         * Adds an event; a malformed event, an oversize transaction or a full hub is refused with a
         * gRPC status, and the transaction is then over (nothing of it is stored).
         */
        public void add(IncomingEvent event) {
            try {
                validate(event);
                bytes += event.bytes().length;
                if (bytes > maxBytes) {
                    throw ErrorCode.OTHER.asException(Status.RESOURCE_EXHAUSTED, "The append transaction exceeds "
                            + maxBytes + " bytes (hub.eventstore.max-transaction-size); nothing was stored");
                }
                long cost = AppendBudget.cost(event);
                budget.reserve(cost);
                reserved += cost;
                events.add(event);
            } catch (RuntimeException e) {
                abort();
                throw e;
            }
        }

        /** Stores all events or none; completes after the commit, with the first event's token. */
        public CompletableFuture<Long> commit() {
            if (events.isEmpty()) {
                return CompletableFuture.completedFuture(-1L);
            }
            long held = reserved;
            reserved = 0;
            CompletableFuture<Long> result = store.writer().append(new AppendRequest(List.copyOf(events), null));
            events.clear();
            // Released before the caller hears of the outcome, so a client that appends again
            // right after its confirmation is not refused for its own earlier transaction.
            return result.whenComplete((token, error) -> budget.release(held));
        }

        /** The client gave up on the transaction (or it was refused): forget its events. */
        public void abort() {
            events.clear();
            budget.release(reserved);
            reserved = 0;
        }
    }

    /** Bytes of appends held and not yet stored (for tests and metrics). */
    long pendingAppendBytes() {
        return appendBudget.used();
    }

    static void validate(IncomingEvent event) {
        if (event.malformed() != null) {
            throw invalid(event.malformed());
        }
        String id = event.aggregateIdentifier;
        if (event.snapshot) {
            throw invalid("Event " + event.messageIdentifier + " is marked as a snapshot; snapshots are"
                    + " stored with AppendSnapshot");
        }
        if (id.isEmpty()) {
            if (event.sequence != 0 || !event.aggregateType.isEmpty()) {
                throw invalid("Event " + event.messageIdentifier + " has an aggregate type or sequence number"
                        + " but no aggregate identifier");
            }
            return;
        }
        validateAggregateId(id);
        if (event.sequence < 0) {
            throw invalid("Event " + event.messageIdentifier + " of aggregate " + id
                    + " has a negative sequence number " + event.sequence);
        }
    }

    /** Checks an event that is to be scheduled the way an appended one is checked. */
    static void validate(Event event) {
        validate(IncomingEvent.of(event));
    }

    private static void validateAggregateId(String id) {
        if (id.isEmpty()) {
            throw invalid("aggregate identifier must not be empty");
        }
        // A char takes at most 3 UTF-8 bytes: short identifiers need no encoding to check.
        if (id.length() * 3 > MAX_AGGREGATE_ID_BYTES && id.getBytes(StandardCharsets.UTF_8).length > MAX_AGGREGATE_ID_BYTES) {
            throw invalid("aggregate identifier longer than " + MAX_AGGREGATE_ID_BYTES + " bytes (UTF-8)");
        }
    }

    static StatusRuntimeException invalid(String message) {
        return ErrorCode.VALIDATION_FAILED.asException(Status.INVALID_ARGUMENT, message);
    }

    // ---- snapshots

    public void appendSnapshot(String context, Event snapshot) {
        ContextStore store = store(context);
        validateAggregateId(snapshot.getAggregateIdentifier());
        if (snapshot.getAggregateSequenceNumber() < 0) {
            throw invalid("snapshot sequence number must not be negative");
        }
        // Stored marked as a snapshot, so a client loading the aggregate can tell it apart.
        byte[] bytes = snapshot.getSnapshot() ? snapshot.toByteArray()
                : snapshot.toBuilder().setSnapshot(true).build().toByteArray();
        try {
            table.storeSnapshot(store.id(), snapshot.getAggregateIdentifier(), snapshot.getAggregateSequenceNumber(),
                    snapshot.getTimestamp(), bytes);
        } catch (SQLException e) {
            throw ErrorCode.DATAFILE_WRITE_ERROR.asException(Status.INTERNAL,
                    "The snapshot could not be stored: " + e.getMessage());
        }
    }

    public void listAggregateSnapshots(String context, GetAggregateSnapshotsRequest request,
                                       StreamObserver<WireMessage> out) {
        ContextStore store = store(context);
        validateAggregateId(request.getAggregateId());
        long max = request.getMaxSequence() <= 0 ? Long.MAX_VALUE : request.getMaxSequence();
        int limit = request.getMaxResults() <= 0 ? Integer.MAX_VALUE : request.getMaxResults();
        try {
            for (byte[] snapshot : table.snapshots(store.id(), request.getAggregateId(),
                    Math.max(0, request.getInitialSequence()), max, limit)) {
                out.onNext(WireMessage.of(snapshot));
            }
        } catch (SQLException e) {
            throw readFailure(e);
        }
        out.onCompleted();
    }

    // ---- aggregate reads

    public void listAggregateEvents(String context, GetAggregateEventsRequest request,
                                    ServerCallStreamObserver<WireMessage> out) {
        ContextStore store = store(context);
        String id = request.getAggregateId();
        validateAggregateId(id);
        if (request.getInitialSequence() < 0) {
            throw invalid("initial_sequence must not be negative, got " + request.getInitialSequence());
        }
        long first = request.getInitialSequence();
        long last = request.getMaxSequence() > 0 ? request.getMaxSequence() : Long.MAX_VALUE;
        byte[] snapshot = null;
        if (request.getAllowSnapshots()) {
            try {
                List<byte[]> latest = table.snapshots(store.id(), id, first, last, 1);
                if (!latest.isEmpty()) {
                    snapshot = latest.get(0);
                    first = Event.parseFrom(snapshot).getAggregateSequenceNumber() + 1;
                }
            } catch (SQLException | com.google.protobuf.InvalidProtocolBufferException e) {
                throw readFailure(e);
            }
        }
        new AggregateStream(store, out, readers, id, first, last, snapshot).signal();
    }

    public long highestSequence(String context, String aggregateId, long fromSequence) {
        ContextStore store = store(context);
        validateAggregateId(aggregateId);
        try {
            long highest = table.highestSequence(store.id(), aggregateId);
            return highest >= fromSequence ? highest : -1;
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    // ---- tracking, tokens, queries

    /**
     * Opens a ListEvents stream; feed it the client's requests. Past
     * {@code hub.eventstore.max-open-streams} open streams in the context the stream is closed at
     * once with RESOURCE_EXHAUSTED / AXONIQ-1900.
     */
    public TrackingStream openTrackingStream(String context, ServerCallStreamObserver<WireMessage> out) {
        ContextStore store = store(context);
        TrackingStream stream = new TrackingStream(store, out, readers);
        int open = store.recent().listeners().size();
        if (open >= limits.maxOpenStreams()) {
            stream.close(ErrorCode.TOO_MANY_REQUESTS.asException(Status.RESOURCE_EXHAUSTED, open
                    + " event streams are open in context " + context + ", the limit"
                    + " (hub.eventstore.max-open-streams); try again later"));
        }
        return stream;
    }

    /** Opens a QueryEvents stream; feed it the client's requests. */
    public QueryStream openQuery(String context, ServerCallStreamObserver<QueryEventsResponse> out) {
        return new QueryStream(name -> store(name.isEmpty() ? context : name), out, readers);
    }

    /** Tokens start at 0 and events are never removed except by a purge, after which they restart at 0. */
    public long firstToken(String context) {
        store(context);
        return 0;
    }

    /** The token of the newest committed event, -1 when there is none. */
    public long lastToken(String context) {
        return store(context).recent().head();
    }

    /**
     * The token of the first event whose timestamp is at or after {@code instant}; the token
     * after the newest event when none is; -1 on an empty store.
     */
    public long tokenAt(String context, long instant) {
        ContextStore store = store(context);
        long head = store.recent().head();
        if (head < 0) {
            return -1;
        }
        try {
            long token = table.firstTokenAt(store.id(), head, instant, TOKEN_AT_LOOK_BACK);
            return token < 0 ? head + 1 : token;
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    private static StatusRuntimeException readFailure(Exception e) {
        return ErrorCode.DATAFILE_READ_ERROR.asException(Status.INTERNAL, "Reading events failed: " + e.getMessage());
    }

    // ---- dev mode

    /**
     * Deletes every event, snapshot and scheduled event of the context and restarts its tokens at
     * 0. Open streams of the context are closed, so their clients reconnect to the empty store.
     */
    public void purge(String context) {
        ContextStore store = store(context);
        closeStreams(store, "The event store of context " + context + " was purged");
        try {
            store.writer().maintenance(c -> EventTable.purge(c, store.id())).get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("Purging context " + context + " failed: " + e.getMessage(), e);
        }
        log.warn("Dev mode: purged all events of context {}", context);
    }

    public List<String> contexts() {
        return List.copyOf(stores.keySet());
    }

    /** Contexts whose writer stopped for good, with why; empty while all of them take appends. */
    public Map<String, String> writerFailures() {
        Map<String, String> failures = new java.util.TreeMap<>();
        stores.forEach((name, store) -> {
            StatusRuntimeException failure = store.writer().failure();
            if (failure != null) {
                failures.put(name, failure.getStatus().getDescription());
            }
        });
        return failures;
    }

    private static void closeStreams(ContextStore store, String reason) {
        StatusRuntimeException closed = ErrorCode.OTHER.asException(Status.UNAVAILABLE, reason);
        for (RecentEvents.Listener stream : List.copyOf(store.recent().listeners())) {
            stream.closeBy(closed);
        }
    }

    // ---- lifecycle

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        for (ContextStore store : stores.values()) {
            closeStreams(store, "The hub is shutting down");
        }
        for (ContextStore store : stores.values()) {
            store.writer().stop(10_000);
        }
        readers.shutdown();
        readAhead.shutdown();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Above the gRPC server's phase: stopped first, before the server waits for open calls.
        return Integer.MAX_VALUE - 50;
    }
}
