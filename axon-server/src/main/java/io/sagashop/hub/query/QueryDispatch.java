package io.sagashop.hub.query;

import io.axoniq.axonserver.grpc.query.QueryFlowControl;
import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryReference;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.grpc.Status;
import io.sagashop.hub.grpc.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One query on its way to its handlers and back: sent to one instance per component (a
 * streaming query: to one instance), results passed back as they come, finished when enough
 * results arrived (NR_OF_RESULTS), every handler completed, the sender cancelled, the TIMEOUT
 * passed or the handlers were lost. A streaming query asks its handler for results in windows,
 * topped up as the sender's stream drains (per-stream flow control).
 * <p>
 * As with Axon Server, a sender learns of failures through an answer, not a broken call: a lost
 * handler ends the query with a {@code QueryResponse} carrying the error (AXONIQ-5002), so the
 * connector's {@code next()} returns it. In a stream, an error response that more results follow
 * (one of several handlers the connector merges failed) is left out; only an error that ends the
 * stream reaches the sender.
 * <p>
 * State changes hold this object's monitor; messages to handler streams are sent after it is
 * released (see {@link QueryContext} for why).
 */
abstract class QueryDispatch implements QueryWork {

    final String id;
    final String queryName;
    final QueryStats stats;
    final boolean streaming;
    private final int expectedResults;
    private final boolean partialOnTimeout;
    final long timeoutMillis;
    private final long deadline;
    private final int window;
    private final QueryProviderInbound message;
    private final long started = System.nanoTime();

    // Guarded by this.
    private final List<QueryHandlerConnection> pending = new ArrayList<>(2);
    private int results;
    private boolean done;
    private long granted;
    private long received;
    /** A streaming handler's error response not passed on yet: it goes out only if no result follows. */
    private QueryResponse heldError;

    /**
     * @param forwarded       the request as handlers get it
     * @param expectedResults results after which the query is complete ({@link Integer#MAX_VALUE}: all)
     * @param window          for streaming queries, results asked for ahead
     */
    QueryDispatch(QueryRequest forwarded, QueryStats stats, boolean streaming, int expectedResults,
                  long timeoutMillis, int window) {
        this.id = forwarded.getMessageIdentifier();
        this.queryName = forwarded.getQuery();
        this.stats = stats;
        this.streaming = streaming;
        this.expectedResults = expectedResults;
        // Scatter-gather returns what arrived in time; a direct or streaming query cut short is an error.
        this.partialOnTimeout = !streaming && expectedResults != 1;
        this.timeoutMillis = timeoutMillis;
        this.deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        this.window = window;
        this.message = QueryProviderInbound.newBuilder().setQuery(forwarded).build();
    }

    /** A result for the sender. */
    protected abstract void emit(QueryResponse response);

    /** The query ended normally. */
    protected abstract void completeCall();

    /** The query failed as a whole. */
    protected abstract void failCall(Status status, ErrorCode code, String message);

    /** Whether the sender's stream can take more without buffering (gRPC flow control). */
    protected abstract boolean senderReady();

    /** Sends the query to its handlers. */
    void start(List<QueryHandlerConnection> targets) {
        synchronized (this) {
            if (done) {
                return; // the sender cancelled before we got going
            }
            pending.addAll(targets);
            granted = streaming ? window : 0;
        }
        for (QueryHandlerConnection target : targets) {
            if (target.inFlight.putIfAbsent(id, this) == null) {
                if (!target.offer(this)) {
                    lost(target, "Query " + queryName + " refused: " + target.capacity() + " queries already wait for handler "
                            + target.clientId() + " to take them (hub.query.queue-capacity-per-client)");
                }
            } else {
                lost(target, "A query with identifier " + id + " is already running on " + target.clientId());
            }
        }
    }

    @Override
    public boolean deliver(QueryHandlerConnection connection) {
        if (connection.inFlight.get(id) != this) {
            return false; // finished or cancelled while it waited for a permit
        }
        connection.writeNow(message);
        if (streaming) {
            // Right behind the query, so the handler knows the query the permits are for.
            connection.writeNow(flowControl(window));
        }
        return true;
    }

    @Override
    public void orphaned(QueryHandlerConnection connection) {
        lost(connection, "Connection to query handler " + connection.clientId() + " was lost");
    }

    void response(QueryHandlerConnection from, QueryResponse response) {
        List<QueryHandlerConnection> others = null;
        long topUp = 0;
        boolean finished = false;
        synchronized (this) {
            if (done || !pending.contains(from)) {
                return;
            }
            boolean error = !response.getErrorCode().isEmpty();
            if (error) {
                stats.errors.increment();
            }
            if (streaming) {
                received++;
                if (!error) {
                    heldError = null; // the stream went on: an earlier failure was one handler's, not the stream's
                    results++;
                    emit(response);
                } else if (heldError == null) {
                    heldError = response;
                }
                topUp = topUpLocked();
            } else {
                results++;
                emit(response);
                if (results >= expectedResults) {
                    done = true;
                    finished = true;
                    pending.remove(from);
                    others = new ArrayList<>(pending);
                    pending.clear();
                    completeCall();
                    measured();
                }
            }
        }
        if (finished) {
            from.inFlight.remove(id, this);
            cancel(others);
        }
        if (topUp > 0) {
            from.send(flowControl(topUp));
        }
    }

    /** The handler sent all its results. */
    void complete(QueryHandlerConnection from) {
        synchronized (this) {
            if (pending.remove(from) && pending.isEmpty() && !done) {
                done = true;
                if (heldError != null) {
                    emit(heldError); // nothing followed it: the stream ends with that error
                }
                completeCall();
                measured();
            }
        }
        from.inFlight.remove(id, this);
    }

    /** The handler's stream closed before it completed the query. */
    void lost(QueryHandlerConnection from, String reason) {
        synchronized (this) {
            if (pending.remove(from) && pending.isEmpty() && !done) {
                done = true;
                if (results == 0 || streaming) {
                    // An answer the sender reads (Axon Server's way), not a failed call.
                    stats.errors.increment();
                    emit(QueryResponse.newBuilder()
                            .setMessageIdentifier(UUID.randomUUID().toString())
                            .setRequestIdentifier(id)
                            .setErrorCode(ErrorCode.QUERY_DISPATCH_ERROR.code())
                            .setErrorMessage(ErrorCode.QUERY_DISPATCH_ERROR.asErrorMessage(reason))
                            .build());
                }
                completeCall();
                measured();
            }
        }
        from.inFlight.remove(id, this);
    }

    /** The sender went away: tell the handlers to stop. */
    void cancel() {
        List<QueryHandlerConnection> targets;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            targets = new ArrayList<>(pending);
            pending.clear();
        }
        cancel(targets);
    }

    void expire(long now) {
        if (now - deadline < 0) {
            return;
        }
        List<QueryHandlerConnection> targets;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            targets = new ArrayList<>(pending);
            pending.clear();
            if (partialOnTimeout) {
                completeCall();
            } else {
                stats.errors.increment();
                failCall(Status.DEADLINE_EXCEEDED, ErrorCode.QUERY_DISPATCH_ERROR,
                        "Query " + queryName + " timed out after " + timeoutMillis + " ms");
            }
            measured();
        }
        cancel(targets);
    }

    /** The sender's stream drained: ask the streaming handler for more. */
    void senderReadyAgain() {
        long topUp;
        QueryHandlerConnection target;
        synchronized (this) {
            if (done || pending.isEmpty()) {
                return;
            }
            topUp = topUpLocked();
            target = pending.get(0);
        }
        if (topUp > 0) {
            target.send(flowControl(topUp));
        }
    }

    private void measured() {
        stats.latency.record(System.nanoTime() - started);
    }

    private long topUpLocked() {
        long outstanding = granted - received;
        if (done || outstanding > window / 2 || !senderReady()) {
            return 0;
        }
        long more = window - outstanding;
        granted += more;
        return more;
    }

    private void cancel(List<QueryHandlerConnection> targets) {
        for (QueryHandlerConnection target : targets) {
            if (target.inFlight.remove(id, this)) {
                target.send(QueryProviderInbound.newBuilder()
                        .setQueryCancel(QueryReference.newBuilder().setRequestId(id)).build());
            }
        }
    }

    private QueryProviderInbound flowControl(long permits) {
        return QueryProviderInbound.newBuilder().setQueryFlowControl(QueryFlowControl.newBuilder()
                .setQueryReference(QueryReference.newBuilder().setRequestId(id))
                .setPermits(permits)).build();
    }
}
