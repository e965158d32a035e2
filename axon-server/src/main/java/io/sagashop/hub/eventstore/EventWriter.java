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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>
 * The writer thread is supervised. A batch whose commit returned is confirmed whatever fails
 * afterwards (publishing it, the thread dying, a shutdown). A batch whose outcome is unknown (the
 * connection broke during the commit, or the thread died inside it) is settled by reading the
 * database's head: the writer is the only one writing (see {@link StoreLock}), so the head says
 * whether it committed. Until then no new batch is written and its appends stay unanswered. If
 * the thread dies of an unexpected error, a new one takes over; if it keeps dying, the writer
 * stops for good: appends are refused with {@code AXONIQ-2100} and health reports it
 * ({@link #failure()}).
 * <p>
 * Confirmations leave in commit order: small batches are confirmed on the writer thread, larger
 * ones by a confirmation thread, and a small batch takes that thread too while it is busy.
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
    /** Server-side prepared statements take at most 65 535 parameters; 5 per row. */
    private static final int MAX_ROWS_PER_STATEMENT = 10_000;
    /** A writer thread that dies more often than this within {@link #RESTART_WINDOW_NANOS} is not restarted. */
    private static final int MAX_RESTARTS = 3;
    private static final long RESTART_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

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
    private volatile Thread thread;
    private final ExecutorService confirmations;
    /** Confirmation jobs handed to {@link #confirmations} and not yet finished. */
    private final AtomicInteger confirming = new AtomicInteger();
    private volatile boolean stopping;
    /** Set when the writer stopped for good; every append is refused with it. */
    private volatile StatusRuntimeException failure;
    private volatile Faults faults = Faults.NONE;

    // Writer thread only (handed to the next thread when one dies).
    private Batch current;
    /** A batch whose commit may or may not have happened; settled before anything else is written. */
    private Batch unresolved;
    private final ArrayDeque<Long> deaths = new ArrayDeque<>();

    // Writer thread only.
    private long nextToken;
    private boolean dirty;
    private long maxStatementBytes;
    private Connection connection;
    private final Map<Integer, PreparedStatement> inserts = new LinkedHashMap<>(16, 0.75f, true);
    private int cachedRows;

    /** Work the writer does alone, in order with the appends (a purge). */
    interface Maintenance {
        void run(Connection connection) throws SQLException;
    }

    private record MaintenanceJob(Maintenance task, CompletableFuture<Void> result) {
    }

    /** Test-only fault injection at the points where a writer could die. */
    interface Faults {
        Faults NONE = new Faults() {
        };

        /** After the batch's statements ran, before the writer knows its commit returned. */
        default void beforeCommitKnown() {
        }

        /** After the commit returned, before the batch is published and confirmed. */
        default void afterCommit() {
        }
    }

    /** One group commit's transactions and what became of each. */
    private static final class Batch {
        final List<AppendRequest> requests;
        final boolean[] withdrawn;
        final StatusRuntimeException[] refusals;
        final long[] firstTokens;
        final List<AppendRequest> accepted = new ArrayList<>();
        Map<String, Long> sequences = new HashMap<>();
        long firstToken;
        long endToken;
        boolean statementsStarted;
        boolean committed;
        /** Why the outcome is in doubt. */
        Throwable doubt;

        Batch(List<AppendRequest> requests) {
            this.requests = requests;
            this.withdrawn = new boolean[requests.size()];
            this.refusals = new StatusRuntimeException[requests.size()];
            this.firstTokens = new long[requests.size()];
        }

        void reset(long first) {
            Arrays.fill(withdrawn, false);
            Arrays.fill(refusals, null);
            accepted.clear();
            sequences = new HashMap<>();
            firstToken = first;
            endToken = first;
            statementsStarted = false;
            committed = false;
        }
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
        this.thread = newThread();
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

    private Thread newThread() {
        Thread writer = new Thread(this::run, "hub-writer-" + context);
        writer.setDaemon(true);
        return writer;
    }

    /** Why the writer stopped for good, or null while it works. */
    StatusRuntimeException failure() {
        return failure;
    }

    /** Test-only: injects faults on the writer thread. */
    void faults(Faults faults) {
        this.faults = faults == null ? Faults.NONE : faults;
    }

    /**
     * Stops the writer for good: queued and future appends are refused with {@code reason}
     * (health reports it). What was committed stays committed and confirmed.
     */
    void fail(StatusRuntimeException reason) {
        List<Object> refused;
        lock.lock();
        try {
            if (failure == null) {
                failure = reason;
            }
            refused = new ArrayList<>(queue);
            queue.clear();
            work.signalAll();
        } finally {
            lock.unlock();
        }
        for (Object job : refused) {
            resultOf(job).completeExceptionally(failure);
        }
    }

    private static CompletableFuture<?> resultOf(Object job) {
        return job instanceof AppendRequest request ? request.result : ((MaintenanceJob) job).result();
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
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
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
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            Thread writer;
            // A writer thread that died may have handed over to a new one meanwhile.
            while ((writer = thread).isAlive() && System.nanoTime() < deadline) {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            confirmations.shutdown();
            confirmations.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Throwable death = null;
        try {
            while (true) {
                if (unresolved != null && !settleUnresolved()) {
                    if (stopping || failure != null) {
                        break;
                    }
                    pause();
                    continue;
                }
                List<Object> batch = takeBatch();
                if (batch == null) {
                    break;
                }
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
        } catch (Throwable t) {
            death = t;
        } finally {
            closeConnection();
        }
        if (death != null) {
            died(death);
        } else if (unresolved != null) {
            // Stopping with the database unreachable: say so rather than leave callers waiting.
            fail(unresolved, ErrorCode.DATAFILE_WRITE_ERROR.asException(Status.INTERNAL, "The hub stopped before it"
                    + " could find out whether these events were stored; read them back before appending them again"));
            unresolved = null;
            // What queued behind it was never written.
            fail(ErrorCode.NO_EVENT_STORE_MASTER_AVAILABLE.asException(Status.UNAVAILABLE,
                    "The hub is shutting down; the event store takes no more appends"));
        }
    }

    /**
     * The writer thread died of something unexpected. Its batch is confirmed if it committed, or
     * left for the next thread to settle; a next thread starts unless this happens too often.
     */
    private void died(Throwable death) {
        Batch batch = current;
        current = null;
        dirty = true;
        if (batch != null) {
            if (batch.committed) {
                resyncQuietly();
                confirm(batch);
            } else if (batch.statementsStarted) {
                batch.doubt = death;
                unresolved = batch;
            } else {
                fail(batch, writeFailure(death));
            }
        }
        long now = System.nanoTime();
        deaths.addLast(now);
        while (now - deaths.peekFirst() > RESTART_WINDOW_NANOS) {
            deaths.pollFirst();
        }
        if (deaths.size() <= MAX_RESTARTS && !stopping) {
            log.error("Context {}: the event writer died of an unexpected error; a new writer thread takes over and"
                    + " reloads its state from the database", context, death);
            Thread next = newThread();
            thread = next;
            next.start();
            return;
        }
        log.error("Context {}: the event writer died of an unexpected error, {} time(s) within a minute; appends are"
                + " refused until the hub is restarted", context, deaths.size(), death);
        StatusRuntimeException reason = ErrorCode.NO_EVENT_STORE_MASTER_AVAILABLE.asException(Status.UNAVAILABLE,
                "The event store of context " + context + " stopped after an unexpected error (" + death
                        + "); appends are refused until the hub is restarted");
        fail(reason);
        if (unresolved != null) {
            // One last look, so that a batch that did commit is not reported as failed.
            if (!settleUnresolved()) {
                fail(unresolved, reason);
                unresolved = null;
            }
            closeConnection();
        }
    }

    /** Waits a little before asking the database again about an unresolved batch. */
    private void pause() throws InterruptedException {
        lock.lock();
        try {
            if (!stopping && failure == null) {
                work.await(1, TimeUnit.SECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Blocks for the first job, then takes as many queued appends as one batch may hold. */
    private List<Object> takeBatch() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (stopping || failure != null) {
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
        } catch (Error e) {
            // The thread dies of it (and is replaced); whoever waits for the job hears of it now.
            dirty = true;
            job.result().completeExceptionally(e);
            throw e;
        }
    }

    private void write(List<AppendRequest> requests) {
        Batch batch = new Batch(requests);
        current = batch;
        try {
            if (dirty) {
                resync();
            }
            try {
                attempt(batch, false);
            } catch (SQLException e) {
                if (batch.committed || !EventTable.isDuplicateKey(e)) {
                    throw e;
                }
                // An aggregate assumed new (sequence 0, unknown to the cache) already existed:
                // nothing was written; check every aggregate against the database this time.
                log.debug("Context {}: unique key rejected a batch, validating it again with lookups", context);
                attempt(batch, true);
            }
        } catch (Exception e) {
            dirty = true;
            closeConnection();
            if (batch.committed) {
                // Stored: only publishing it failed. Readers are reset by the next resync.
                log.error("Context {}: publishing {} committed append transaction(s) failed; they are stored and"
                        + " confirmed", context, requests.size(), e);
                resyncQuietly();
                confirm(batch);
            } else if (batch.statementsStarted && !(e instanceof SQLException sql && EventTable.isDuplicateKey(sql))) {
                log.warn("Context {}: writing {} append transaction(s) failed ({}); checking whether they were"
                        + " stored", context, requests.size(), e.toString());
                batch.doubt = e;
                unresolved = batch;
                settleUnresolved();
            } else {
                log.error("Context {}: writing {} append transaction(s) failed; none of them is stored", context,
                        requests.size(), e);
                fail(batch, writeFailure(e));
            }
        }
        // Not in a finally: when the thread dies of an Error, died() needs to know the batch.
        current = null;
    }

    private static StatusRuntimeException writeFailure(Throwable e) {
        return ErrorCode.DATAFILE_WRITE_ERROR.asException(Status.INTERNAL,
                "The events could not be stored: " + e.getMessage());
    }

    /**
     * Finds out from the database's head whether the unresolved batch committed, and confirms or
     * fails it. False when the database cannot be asked (the batch stays unresolved).
     */
    private boolean settleUnresolved() {
        Batch batch = unresolved;
        long head;
        try {
            head = table.maxIndex(contextId);
        } catch (SQLException | RuntimeException e) {
            log.warn("Context {}: cannot find out yet whether {} append transaction(s) were stored: {}", context,
                    batch.requests.size(), e.toString());
            return false;
        }
        unresolved = null;
        dirty = true;
        if (batch.endToken > batch.firstToken && head == batch.endToken - 1) {
            log.info("Context {}: the append transaction(s) whose commit was in doubt are stored", context);
            batch.committed = true;
            nextToken = batch.endToken;
            resyncQuietly();
            confirm(batch);
        } else if (head == batch.firstToken - 1) {
            log.error("Context {}: {} append transaction(s) whose commit was in doubt are not stored", context,
                    batch.requests.size());
            fail(batch, writeFailure(batch.doubt));
        } else {
            StatusRuntimeException reason = ErrorCode.NO_EVENT_STORE_MASTER_AVAILABLE.asException(Status.UNAVAILABLE,
                    "The event store of context " + context + " found token " + head + " in the database where it"
                            + " expected " + (batch.firstToken - 1) + " or " + (batch.endToken - 1)
                            + ": something else writes to this schema; appends are refused");
            log.error("Context {}: {}", context, reason.getStatus().getDescription());
            fail(batch, reason);
            fail(reason);
        }
        return true;
    }

    private void fail(Batch batch, StatusRuntimeException reason) {
        deliver(batch.requests.size(),
                () -> batch.requests.forEach(request -> request.result.completeExceptionally(reason)));
    }

    /** Validates, inserts and commits one batch; on success publishes and completes it. */
    private void attempt(Batch batch, boolean lookUpAll) throws SQLException {
        List<AppendRequest> requests = batch.requests;
        batch.reset(nextToken);
        Connection c = connection();
        lookUpUnknownAggregates(c, requests, lookUpAll);

        boolean withHooks = requests.stream().anyMatch(request -> request.hook != null);
        long token = nextToken;
        if (withHooks) {
            c.setAutoCommit(false);
        }
        try {
            for (int i = 0; i < requests.size(); i++) {
                AppendRequest request = requests.get(i);
                if (request.hook != null && !request.hook.run(c)) {
                    batch.withdrawn[i] = true;
                    continue;
                }
                batch.refusals[i] = validate(c, request, batch.sequences, lookUpAll);
                if (batch.refusals[i] == null) {
                    batch.accepted.add(request);
                    batch.firstTokens[i] = token;
                    token += request.size();
                }
            }
            batch.endToken = token;
            if (!batch.accepted.isEmpty()) {
                batch.statementsStarted = true;
                insert(c, batch.accepted, nextToken);
            }
            if (withHooks) {
                c.commit();
            }
            faults.beforeCommitKnown();
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
        batch.committed = true;

        // Committed: from here on nothing may fail the batch.
        nextToken = token;
        faults.afterCommit();
        List<StoredEvent> committed = new ArrayList<>(Math.toIntExact(token - batch.firstToken));
        long at = batch.firstToken;
        for (AppendRequest request : batch.accepted) {
            for (int e = 0; e < request.size(); e++) {
                IncomingEvent event = request.events.get(e);
                committed.add(new StoredEvent(at++, event.bytes(), event.payload));
            }
        }
        batch.sequences.forEach(sequences::put);
        recent.append(committed);
        confirm(batch);
    }

    /** Completes every request of a committed batch with its outcome. */
    private void confirm(Batch batch) {
        deliver(batch.requests.size(), () -> {
            for (int i = 0; i < batch.requests.size(); i++) {
                AppendRequest request = batch.requests.get(i);
                if (batch.withdrawn[i]) {
                    request.result.complete(null);
                } else if (batch.refusals[i] != null) {
                    request.result.completeExceptionally(batch.refusals[i]);
                } else {
                    request.result.complete(batch.firstTokens[i]);
                }
            }
        });
    }

    /**
     * Runs a batch's completions after every earlier batch's, so confirmations leave in commit
     * order: on this thread when the batch is small and the confirmation thread has nothing
     * left, else queued behind what that thread still has to do.
     */
    private void deliver(int transactions, Runnable completions) {
        if (transactions <= INLINE_CONFIRMATIONS && confirming.get() == 0) {
            completions.run();
            return;
        }
        confirming.incrementAndGet();
        try {
            confirmations.execute(() -> {
                try {
                    completions.run();
                } finally {
                    confirming.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException stopped) {
            // Shut down after a stop that timed out: nothing runs there any more, confirm here.
            confirming.decrementAndGet();
            completions.run();
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
                long size = event.bytes().length + event.aggregateIdBytes.length + 64L;
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
                    insert.setLong(p++, token++);
                    if (event.aggregateIdBytes.length == 0) {
                        insert.setNull(p++, Types.VARBINARY);
                        insert.setNull(p++, Types.BIGINT);
                    } else {
                        insert.setBytes(p++, event.aggregateIdBytes);
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
        // The context is the same in every row of this writer: a literal, not a parameter, so
        // each row binds 5 values (the driver's cost per bound value is most of this thread's CPU).
        String row = "(" + contextId + EventTable.INSERT_ROW_AFTER_CONTEXT;
        StringBuilder sql = new StringBuilder(EventTable.INSERT_PREFIX.length() + rows * (row.length() + 1));
        sql.append(EventTable.INSERT_PREFIX);
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sql.append(',');
            }
            sql.append(row);
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

    /** Reloads the head from the database and forgets cached sequences and recent events. */
    private void resync() throws SQLException {
        long head = table.maxIndex(contextId);
        sequences.clear();
        nextToken = head + 1;
        recent.reset(head);
        dirty = false;
        log.info("Context {}: event store continues at token {}", context, nextToken);
    }

    /** Makes committed events visible to readers before they are confirmed; else the next batch resyncs. */
    private void resyncQuietly() {
        try {
            resync();
        } catch (SQLException | RuntimeException e) {
            dirty = true;
            log.warn("Context {}: reloading the head failed ({}); retried before the next batch", context, e.toString());
        }
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
