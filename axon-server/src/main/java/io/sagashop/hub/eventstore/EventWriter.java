package io.sagashop.hub.eventstore;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.sagashop.hub.grpc.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one context. It assigns the gapless global index and commits appends in
 * batches: whatever transactions queued up while the previous batch was being committed are
 * validated and written together in one database transaction (group commit), so the cost of a
 * durable commit is shared. Each transaction stays all-or-nothing: one whose sequence numbers
 * clash is refused and left out of the batch, without affecting the others.
 * <p>
 * A request is confirmed only after the database commit returned, and only then do its events
 * become visible to readers. If a write fails in a way that leaves its outcome unknown, the
 * writer forgets its in-memory state and reloads it from the database before the next batch.
 * <p>
 * Sequence numbers are checked in memory against {@link AggregateSequences}; aggregates it does
 * not know are looked up in one query per batch. An event with sequence number 0 of an unknown
 * aggregate is assumed to start a new aggregate without a lookup: if that assumption is wrong
 * the unique key (aggregate, sequence) rejects the insert, and the batch is validated again
 * with lookups for every aggregate.
 */
final class EventWriter {

    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);
    /**
     * Prepared INSERTs are kept per row count. Batches come in many sizes (64 writers of 10
     * events: every multiple of 10 up to 640), and re-preparing costs a round trip, so the cache
     * is bounded by the rows its statements hold (their parameter bindings are the memory).
     */
    private static final int MAX_CACHED_STATEMENTS = 256;
    private static final int MAX_CACHED_ROWS = 50_000;
    /** Batches with more transactions than this are confirmed by another thread. */
    private static final int INLINE_CONFIRMATIONS = 2;
    /** Server-side prepared statements take at most 65 535 parameters; 6 per row. */
    private static final int MAX_ROWS_PER_STATEMENT = 10_000;

    private final String context;
    private final short contextId;
    private final EventTable table;
    private final RecentEvents recent;
    private final AggregateSequences sequences;
    private final int maxBatchEvents;
    private final long maxBatchBytes;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final Thread thread;
    private final ExecutorService confirmations;
    private volatile boolean stopping;

    // Writer thread only.
    private long nextToken;
    private boolean dirty;
    private long maxStatementBytes;
    private Connection connection;
    private final Map<Integer, PreparedStatement> inserts = new LinkedHashMap<>(16, 0.75f, true);
    private int cachedRows;
    private final Map<PayloadKey, PayloadKey> payloadKeys = new HashMap<>();

    /** Work the writer does alone, in order with the appends (a purge). */
    interface Maintenance {
        void run(Connection connection) throws SQLException;
    }

    private record MaintenanceJob(Maintenance task, CompletableFuture<Void> result) {
    }

    EventWriter(String context, short contextId, EventTable table, RecentEvents recent,
                EventStoreProperties properties) {
        this.context = context;
        this.contextId = contextId;
        this.table = table;
        this.recent = recent;
        this.sequences = new AggregateSequences(properties.aggregateCacheSize());
        this.maxBatchEvents = properties.maxBatchEvents();
        this.maxBatchBytes = properties.maxBatchSize().toBytes();
        this.nextToken = recent.head() + 1;
        this.thread = new Thread(this::run, "hub-writer-" + context);
        this.thread.setDaemon(true);
        // Sending a confirmation is a gRPC write; dozens of them would delay the next commit.
        this.confirmations = Executors.newSingleThreadExecutor(runnable -> {
            Thread confirmer = new Thread(runnable, "hub-confirm-" + context);
            confirmer.setDaemon(true);
            return confirmer;
        });
    }

    void start() {
        thread.start();
    }

    /** Queues a transaction; its result completes on the writer thread. */
    CompletableFuture<Long> append(AppendRequest request) {
        enqueue(request, request.result);
        return request.result;
    }

    CompletableFuture<Void> maintenance(Maintenance task) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        enqueue(new MaintenanceJob(task, result), result);
        return result;
    }

    private void enqueue(Object job, CompletableFuture<?> result) {
        lock.lock();
        try {
            if (stopping) {
                result.completeExceptionally(ErrorCode.NO_EVENT_STORE_MASTER_AVAILABLE.asException(
                        Status.UNAVAILABLE, "The hub is shutting down; the event store takes no more appends"));
                return;
            }
            queue.addLast(job);
            if (queue.size() == 1) {
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking appends, writes what is queued, and waits for the writer thread to end. */
    void stop(long timeoutMillis) {
        lock.lock();
        try {
            stopping = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(timeoutMillis);
            confirmations.shutdown();
            confirmations.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            List<Object> batch;
            while ((batch = takeBatch()) != null) {
                if (batch.get(0) instanceof MaintenanceJob job) {
                    runMaintenance(job);
                } else {
                    List<AppendRequest> appends = new ArrayList<>(batch.size());
                    batch.forEach(job -> appends.add((AppendRequest) job));
                    write(appends);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
        }
    }

    /** Blocks for the first job, then takes as many queued appends as one batch may hold. */
    private List<Object> takeBatch() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (stopping) {
                    return null;
                }
                work.await(1, TimeUnit.SECONDS);
            }
            List<Object> batch = new ArrayList<>();
            Object first = queue.pollFirst();
            batch.add(first);
            if (first instanceof AppendRequest request) {
                int events = request.size();
                long bytes = request.bytes;
                while (queue.peekFirst() instanceof AppendRequest next
                        && events + next.size() <= maxBatchEvents && bytes + next.bytes <= maxBatchBytes) {
                    queue.pollFirst();
                    batch.add(next);
                    events += next.size();
                    bytes += next.bytes;
                }
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void runMaintenance(MaintenanceJob job) {
        try {
            Connection c = connection();
            c.setAutoCommit(false);
            try {
                job.task().run(c);
                c.commit();
            } finally {
                restoreAutoCommit(c);
            }
            dirty = true;
            resync();
            job.result().complete(null);
        } catch (Exception e) {
            dirty = true;
            closeConnection();
            job.result().completeExceptionally(e);
        }
    }

    private void write(List<AppendRequest> batch) {
        try {
            if (dirty) {
                resync();
            }
            try {
                attempt(batch, false);
            } catch (SQLException e) {
                if (!EventTable.isDuplicateKey(e)) {
                    throw e;
                }
                // An aggregate assumed new (sequence 0, unknown to the cache) already existed:
                // nothing was written; check every aggregate against the database this time.
                log.debug("Context {}: unique key rejected a batch, validating it again with lookups", context);
                attempt(batch, true);
            }
        } catch (Exception e) {
            log.error("Context {}: writing {} append transaction(s) failed; none of them is stored", context,
                    batch.size(), e);
            dirty = true;
            closeConnection();
            StatusRuntimeException failure = ErrorCode.DATAFILE_WRITE_ERROR.asException(Status.INTERNAL,
                    "The events could not be stored: " + e.getMessage());
            for (AppendRequest request : batch) {
                request.result.completeExceptionally(failure);
            }
        }
    }

    /** Validates, inserts and commits one batch; on success publishes and completes it. */
    private void attempt(List<AppendRequest> batch, boolean lookUpAll) throws SQLException {
        Connection c = connection();
        lookUpUnknownAggregates(c, batch, lookUpAll);

        boolean withHooks = batch.stream().anyMatch(request -> request.hook != null);
        boolean[] withdrawn = new boolean[batch.size()];
        StatusRuntimeException[] refusals = new StatusRuntimeException[batch.size()];
        Map<String, Long> batchSequences = new HashMap<>();
        List<AppendRequest> accepted = new ArrayList<>(batch.size());
        long[] firstTokens = new long[batch.size()];
        long token = nextToken;
        if (withHooks) {
            c.setAutoCommit(false);
        }
        try {
            for (int i = 0; i < batch.size(); i++) {
                AppendRequest request = batch.get(i);
                if (request.hook != null && !request.hook.run(c)) {
                    withdrawn[i] = true;
                    continue;
                }
                refusals[i] = validate(c, request, batchSequences, lookUpAll);
                if (refusals[i] == null) {
                    accepted.add(request);
                    firstTokens[i] = token;
                    token += request.size();
                }
            }
            if (!accepted.isEmpty()) {
                insert(c, accepted, nextToken);
            }
            if (withHooks) {
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (withHooks) {
                rollbackQuietly(c);
            }
            throw e;
        } finally {
            if (withHooks) {
                restoreAutoCommit(c);
            }
        }

        // Committed: from here on nothing may fail the batch.
        List<StoredEvent> committed = new ArrayList<>(Math.toIntExact(token - nextToken));
        long at = nextToken;
        for (AppendRequest request : accepted) {
            for (int e = 0; e < request.size(); e++) {
                IncomingEvent event = request.events.get(e);
                committed.add(new StoredEvent(at++, event.bytes(), payloadKey(event.payload)));
            }
        }
        nextToken = token;
        batchSequences.forEach(sequences::put);
        recent.append(committed);
        Runnable confirm = () -> {
            for (int i = 0; i < batch.size(); i++) {
                AppendRequest request = batch.get(i);
                if (withdrawn[i]) {
                    request.result.complete(null);
                } else if (refusals[i] != null) {
                    request.result.completeExceptionally(refusals[i]);
                } else {
                    request.result.complete(firstTokens[i]);
                }
            }
        };
        if (batch.size() <= INLINE_CONFIRMATIONS) {
            confirm.run();
        } else {
            confirmations.execute(confirm);
        }
    }

    /**
     * Finds the last sequence numbers the check will need and the cache does not have, in one
     * query: for the first event of each aggregate in the batch, unless it is a sequence-0 event
     * (assumed to start a new aggregate) and {@code lookUpAll} is off.
     */
    private void lookUpUnknownAggregates(Connection c, List<AppendRequest> batch, boolean lookUpAll)
            throws SQLException {
        Set<String> seen = new java.util.HashSet<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (AppendRequest request : batch) {
            for (IncomingEvent event : request.events) {
                String id = event.aggregateIdentifier;
                if (!id.isEmpty() && seen.add(id) && sequences.get(id) == null
                        && (lookUpAll || event.sequence > 0)) {
                    unknown.add(id);
                }
            }
        }
        if (!unknown.isEmpty()) {
            Map<String, Long> found = EventTable.lastSequences(c, contextId, unknown);
            for (String id : unknown) {
                sequences.put(id, found.getOrDefault(id, -1L));
            }
        }
    }

    /** Checks one transaction's sequence numbers; null when it may be stored. */
    private StatusRuntimeException validate(Connection c, AppendRequest request, Map<String, Long> batchSequences,
                                            boolean lookUpAll) throws SQLException {
        Map<String, Long> own = null;
        for (IncomingEvent event : request.events) {
            String id = event.aggregateIdentifier;
            if (id.isEmpty()) {
                continue;
            }
            long sequence = event.sequence;
            Long last = own == null ? null : own.get(id);
            if (last == null) {
                last = batchSequences.get(id);
            }
            if (last == null) {
                last = sequences.get(id);
            }
            if (last == null) {
                if (sequence == 0 && !lookUpAll) {
                    last = -1L;
                } else {
                    // Rare: first seen after an earlier transaction of the batch was refused.
                    last = EventTable.lastSequences(c, contextId, List.of(id)).getOrDefault(id, -1L);
                    sequences.put(id, last);
                }
            }
            if (sequence != last + 1) {
                return sequenceClash(sequence, id, last + 1);
            }
            if (own == null) {
                own = new HashMap<>(4);
            }
            own.put(id, sequence);
        }
        if (own != null) {
            batchSequences.putAll(own);
        }
        return null;
    }

    static StatusRuntimeException sequenceClash(long sequence, String aggregateId, long expected) {
        return ErrorCode.INVALID_EVENT_SEQUENCE.asException(Status.OUT_OF_RANGE,
                "Invalid sequence number " + sequence + " for aggregate " + aggregateId + ", expected " + expected);
    }

    /**
     * Inserts the accepted transactions' events as multi-row INSERT statements. One statement
     * is atomic and, in auto-commit mode, committed by the same round trip; larger batches use
     * several statements in one transaction.
     */
    private void insert(Connection c, List<AppendRequest> accepted, long firstToken) throws SQLException {
        List<int[]> chunks = new ArrayList<>();   // {request index, event index, rows}
        int rows = 0;
        long bytes = 0;
        int startRequest = 0;
        int startEvent = 0;
        for (int r = 0; r < accepted.size(); r++) {
            AppendRequest request = accepted.get(r);
            for (int e = 0; e < request.size(); e++) {
                IncomingEvent event = request.events.get(e);
                long size = event.bytes().length + event.aggregateIdentifier.length() + 64L;
                if (rows > 0 && (rows >= MAX_ROWS_PER_STATEMENT || bytes + size > maxStatementBytes)) {
                    chunks.add(new int[] {startRequest, startEvent, rows});
                    startRequest = r;
                    startEvent = e;
                    rows = 0;
                    bytes = 0;
                }
                rows++;
                bytes += size;
            }
        }
        chunks.add(new int[] {startRequest, startEvent, rows});

        boolean ownTransaction = chunks.size() > 1 && c.getAutoCommit();
        if (ownTransaction) {
            c.setAutoCommit(false);
        }
        try {
            long token = firstToken;
            for (int[] chunk : chunks) {
                PreparedStatement insert = insertStatement(c, chunk[2]);
                int r = chunk[0];
                int e = chunk[1];
                int p = 1;
                for (int row = 0; row < chunk[2]; row++) {
                    AppendRequest request = accepted.get(r);
                    while (e >= request.size()) {
                        request = accepted.get(++r);
                        e = 0;
                    }
                    IncomingEvent event = request.events.get(e);
                    insert.setShort(p++, contextId);
                    insert.setLong(p++, token++);
                    String id = event.aggregateIdentifier;
                    if (id.isEmpty()) {
                        insert.setNull(p++, Types.VARBINARY);
                        insert.setNull(p++, Types.BIGINT);
                    } else {
                        insert.setBytes(p++, EventTable.id(id));
                        insert.setLong(p++, event.sequence);
                    }
                    insert.setLong(p++, event.timestamp);
                    insert.setBytes(p++, event.bytes());
                    e++;
                }
                insert.executeUpdate();
            }
            if (ownTransaction) {
                c.commit();
            }
        } catch (SQLException | RuntimeException ex) {
            if (ownTransaction) {
                rollbackQuietly(c);
            }
            throw ex;
        } finally {
            if (ownTransaction) {
                restoreAutoCommit(c);
            }
        }
    }

    private PreparedStatement insertStatement(Connection c, int rows) throws SQLException {
        PreparedStatement cached = inserts.get(rows);
        if (cached != null) {
            return cached;
        }
        StringBuilder sql = new StringBuilder(EventTable.INSERT_PREFIX.length() + rows * (EventTable.INSERT_ROW.length() + 1));
        sql.append(EventTable.INSERT_PREFIX);
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sql.append(',');
            }
            sql.append(EventTable.INSERT_ROW);
        }
        PreparedStatement statement = ServerPreparedStatements.prepare(c, sql.toString());
        inserts.put(rows, statement);
        cachedRows += rows;
        var eldest = inserts.entrySet().iterator();
        while ((inserts.size() > MAX_CACHED_STATEMENTS || cachedRows > MAX_CACHED_ROWS) && inserts.size() > 1) {
            var evicted = eldest.next();
            eldest.remove();
            cachedRows -= evicted.getKey();
            closeQuietly(evicted.getValue());
        }
        return statement;
    }

    /** One instance per payload type, so the recent events do not hold a copy of the name each. */
    private PayloadKey payloadKey(PayloadKey key) {
        PayloadKey canonical = payloadKeys.get(key);
        if (canonical != null) {
            return canonical;
        }
        if (payloadKeys.size() > 10_000) {
            payloadKeys.clear();
        }
        payloadKeys.put(key, key);
        return key;
    }

    /** Reloads the head from the database and forgets cached sequences and recent events. */
    private void resync() throws SQLException {
        long head = table.maxIndex(contextId);
        sequences.clear();
        nextToken = head + 1;
        recent.reset(head);
        dirty = false;
        log.info("Context {}: event store continues at token {}", context, nextToken);
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = table.dataSource().getConnection();
            connection.setAutoCommit(true);
            maxStatementBytes = maxStatementBytes(connection);
        }
        return connection;
    }

    /** Keeps a statement below the server's packet limit (binary data may double when escaped). */
    private long maxStatementBytes(Connection c) {
        long limit = maxBatchBytes;
        try (Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@max_allowed_packet")) {
            if (rs.next()) {
                limit = Math.min(limit, Math.max(64 * 1024, (rs.getLong(1) - 1024 * 1024) / 2));
            }
        } catch (SQLException notMySql) {
            // H2 has no packet limit.
        }
        return limit;
    }

    private void closeConnection() {
        inserts.values().forEach(EventWriter::closeQuietly);
        inserts.clear();
        cachedRows = 0;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // broken anyway
            }
            connection = null;
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is dropped on the next failure
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is dropped by the caller
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // nothing to do
        }
    }
}
