package io.sagashop.hub.query;

import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.QueryUpdateCompleteExceptionally;
import io.axoniq.axonserver.grpc.query.SubscriptionQuery;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryResponse;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.grpc.ErrorCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One subscriber's Subscription stream. Updates count against the permits the subscriber
 * granted and wait here when it has none; completions queue behind the updates before them, so
 * the subscriber never sees "complete" ahead of an update. Initial results go out at once.
 * <p>
 * Writes to the subscriber hold this object's monitor; handler streams are told about
 * subscriptions ending only after it is released.
 */
final class SubscriptionSession implements SubscriptionQueryStream {

    private final QueryRouter router;
    final QueryContext context;
    private final StreamObserver<SubscriptionQueryResponse> out;
    private final int backlogLimit;

    // Guarded by this.
    private long permits;
    private final ArrayDeque<SubscriptionQueryResponse> backlog = new ArrayDeque<>();
    private final Map<String, ActiveSubscription> subscriptions = new HashMap<>();
    private final Set<InitialResultQuery> initialQueries = new HashSet<>();
    private boolean closed;

    SubscriptionSession(QueryRouter router, QueryContext context, StreamObserver<SubscriptionQueryResponse> out,
                        int backlogLimit) {
        this.router = router;
        this.context = context;
        this.out = out;
        this.backlogLimit = backlogLimit;
    }

    @Override
    public void subscribe(SubscriptionQuery query) {
        String id = query.getSubscriptionIdentifier();
        String name = query.getQueryRequest().getQuery();
        if (id.isEmpty() || name.isEmpty()) {
            fail(ErrorCode.QUERY_DISPATCH_ERROR.asException(Status.INVALID_ARGUMENT,
                    "A subscription query needs a subscription identifier and a query name"));
            return;
        }
        ActiveSubscription subscription;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (query.getNumberOfPermits() > 0) {
                // Older clients grant their first permits with the subscription itself.
                permits += query.getNumberOfPermits();
            }
            if (subscriptions.containsKey(id)) {
                return;
            }
            subscription = new ActiveSubscription(query, this, context.stats(name));
            subscriptions.put(id, subscription);
        }
        router.open(subscription);
    }

    @Override
    public void unsubscribe(SubscriptionQuery query) {
        ActiveSubscription subscription;
        synchronized (this) {
            subscription = subscriptions.remove(query.getSubscriptionIdentifier());
        }
        if (subscription != null) {
            router.end(subscription);
        }
    }

    @Override
    public void getInitialResult(SubscriptionQuery query) {
        if (query.getQueryRequest().getQuery().isEmpty()) {
            fail(ErrorCode.QUERY_DISPATCH_ERROR.asException(Status.INVALID_ARGUMENT,
                    "An initial result request needs the subscription's query"));
            return;
        }
        router.initialResult(this, query);
    }

    @Override
    public void flowControl(SubscriptionQuery query) {
        synchronized (this) {
            if (query.getNumberOfPermits() > 0) {
                permits += query.getNumberOfPermits();
                drainLocked();
            }
        }
    }

    @Override
    public void closed(Throwable cause) {
        terminate(null, cause == null);
    }

    @Override
    public void refuse(StatusRuntimeException error) {
        fail(error);
    }

    /** Ends the stream with an error; every subscription on it ends too. */
    void fail(StatusRuntimeException error) {
        terminate(error, false);
    }

    /** No instance handles the query: the stream ends as Axon Server ends it (CANCELLED, AXONIQ-5000). */
    void noHandler() {
        Metadata trailers = new Metadata();
        trailers.put(ErrorCode.TRAILER, ErrorCode.NO_HANDLER_FOR_QUERY.code());
        fail(Status.CANCELLED.withDescription(ErrorCode.NO_HANDLER_FOR_QUERY.code()).asRuntimeException(trailers));
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Tracks an initial-result query, so closing the stream cancels it; false when closed already. */
    synchronized boolean track(InitialResultQuery query) {
        if (closed) {
            return false;
        }
        initialQueries.add(query);
        return true;
    }

    /** An update, completion or failure from a handler; the last two end the subscription. */
    void fromHandler(ActiveSubscription subscription, SubscriptionQueryResponse response) {
        boolean ends = response.getResponseCase() != SubscriptionQueryResponse.ResponseCase.UPDATE;
        synchronized (this) {
            if (closed || subscriptions.get(subscription.id) != subscription) {
                return;
            }
            if (ends) {
                subscriptions.remove(subscription.id);
                backlog.add(response);
            } else if (backlog.size() < backlogLimit) {
                backlog.add(response);
            } else {
                // The subscriber stopped taking updates: end this subscription rather than run out of memory.
                ends = true;
                subscriptions.remove(subscription.id);
                backlog.removeIf(r -> r.getSubscriptionIdentifier().equals(subscription.id));
                write(SubscriptionQueryResponse.newBuilder()
                        .setSubscriptionIdentifier(subscription.id)
                        .setCompleteExceptionally(QueryUpdateCompleteExceptionally.newBuilder()
                                .setErrorCode(ErrorCode.QUERY_DISPATCH_ERROR.code())
                                .setErrorMessage(ErrorCode.QUERY_DISPATCH_ERROR.asErrorMessage(
                                        "More than " + backlogLimit + " updates waited for the subscriber")))
                        .build());
            }
            drainLocked();
        }
        if (ends) {
            router.end(subscription);
        }
    }

    /** The answer to a {@code GET_INITIAL_RESULT}. */
    void initialResult(InitialResultQuery query, String subscriptionId, QueryResponse response) {
        synchronized (this) {
            initialQueries.remove(query);
            if (!closed) {
                write(SubscriptionQueryResponse.newBuilder()
                        .setMessageIdentifier(response.getMessageIdentifier())
                        .setSubscriptionIdentifier(subscriptionId)
                        .setInitialResult(response)
                        .build());
            }
        }
    }

    private void terminate(StatusRuntimeException error, boolean complete) {
        List<ActiveSubscription> ended;
        List<InitialResultQuery> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ended = new ArrayList<>(subscriptions.values());
            subscriptions.clear();
            running = new ArrayList<>(initialQueries);
            initialQueries.clear();
            backlog.clear();
            try {
                if (error != null) {
                    out.onError(error);
                } else if (complete) {
                    out.onCompleted();
                }
            } catch (RuntimeException alreadyClosed) {
                // the subscriber cancelled
            }
        }
        ended.forEach(router::end);
        running.forEach(QueryDispatch::cancel);
    }

    private void drainLocked() {
        SubscriptionQueryResponse head;
        while ((head = backlog.peek()) != null) {
            boolean counts = head.getResponseCase() == SubscriptionQueryResponse.ResponseCase.UPDATE;
            if (counts && permits <= 0) {
                return;
            }
            backlog.poll();
            if (counts) {
                permits--;
            }
            write(head);
        }
    }

    private void write(SubscriptionQueryResponse response) {
        try {
            out.onNext(response);
        } catch (RuntimeException cancelled) {
            // the subscriber is gone; its stream's onError ends the session
        }
    }
}
