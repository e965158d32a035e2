package io.sagashop.hub.query;

import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.ProcessingInstruction;
import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.SubscriptionQuery;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.grpc.ErrorCode;
import io.sagashop.hub.platform.ClientDisconnected;
import io.sagashop.hub.routing.ProcessingInstructions;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Routes queries to the client instances that subscribed to them: direct and scatter-gather
 * queries to one instance per component, streaming queries to one instance with per-stream flow
 * control, subscription queries to every instance (any of them may emit updates), and results,
 * updates and completions back. A handler gets no more queries than the permits it granted.
 */
@Component
public class QueryRouter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(QueryRouter.class);
    private static final ProcessingInstruction SERVER_STREAMING = ProcessingInstruction.newBuilder()
            .setKey(ProcessingKey.SERVER_SUPPORTS_STREAMING)
            .setValue(MetaDataValue.newBuilder().setBooleanValue(true))
            .build();

    private final QueryRoutingProperties properties;
    private final ConcurrentHashMap<String, QueryContext> contexts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    public QueryRouter(QueryRoutingProperties properties) {
        this.properties = properties;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hub-query-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(1, properties.timeoutCheckInterval().toMillis());
        timer.scheduleWithFixedDelay(this::expire, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** A client opened its query provider stream in {@code context}. */
    public QueryProviderStream openProviderStream(String context, StreamObserver<QueryProviderInbound> outbound) {
        QueryContext queryContext = context(context);
        QueryHandlerConnection connection = new QueryHandlerConnection(this, queryContext, outbound,
                properties.queueCapacityPerClient());
        queryContext.connections.add(connection);
        return connection;
    }

    /** A subscriber opened a Subscription stream in {@code context}. */
    public SubscriptionQueryStream openSubscriptionStream(String context, StreamObserver<SubscriptionQueryResponse> outbound) {
        return new SubscriptionSession(this, context(context), outbound, properties.subscriptionUpdateBuffer());
    }

    /**
     * Runs a query (direct, scatter-gather or streaming) and streams its results to
     * {@code caller}, which is completed or failed once.
     */
    public void query(String context, QueryRequest request, StreamObserver<QueryResponse> caller) {
        String name = request.getQuery();
        if (name.isEmpty() || request.getMessageIdentifier().isEmpty()) {
            caller.onError(ErrorCode.QUERY_DISPATCH_ERROR.asException(Status.INVALID_ARGUMENT,
                    "A query needs a name and a message identifier"));
            return;
        }
        QueryContext queryContext = context(context);
        QueryStats stats = queryContext.stats(name);
        stats.queries.increment();
        List<ProcessingInstruction> instructions = request.getProcessingInstructionsList();
        boolean streaming = ProcessingInstructions.flag(instructions, ProcessingKey.CLIENT_SUPPORTS_STREAMING);
        QueryContext.Handlers handlers = queryContext.handlers(name);
        List<QueryHandlerConnection> targets;
        if (handlers == null) {
            targets = List.of();
        } else if (streaming) {
            // Results of one stream come from one handler; merging streams would break their order.
            QueryHandlerConnection one = handlers.one();
            targets = one == null ? List.of() : List.of(one);
        } else {
            targets = handlers.onePerComponent();
        }
        if (targets.isEmpty()) {
            stats.errors.increment();
            caller.onNext(noHandler(request));
            caller.onCompleted();
            return;
        }
        long results = ProcessingInstructions.number(instructions, ProcessingKey.NR_OF_RESULTS, -1);
        int expected = streaming || results <= 0 ? Integer.MAX_VALUE : (int) Math.min(results, Integer.MAX_VALUE);
        QueryRequest forwarded = streaming ? withServerStreaming(request) : request;
        new DirectQuery(forwarded, stats, streaming, expected, timeout(instructions), properties.streamingWindow(), caller)
                .start(targets);
    }

    /**
     * Stops routing to a client instance that left. After an orderly leave (the client completed
     * its control stream) its query streams only <em>drain</em>: they get no new queries, but
     * replies to the queries they run still reach their senders, because the connector closes its
     * query stream only after those are answered; {@code hub.query.disconnect-grace} bounds the
     * wait. Otherwise (a broken stream, silence) its query streams are closed at once: a client
     * that is in fact alive reconnects and subscribes again. Either way the subscription queries
     * it opened end.
     */
    @EventListener
    public void on(ClientDisconnected event) {
        QueryContext queryContext = contexts.get(event.context());
        if (queryContext == null) {
            return;
        }
        for (QueryHandlerConnection connection : queryContext.connectionsOf(event.clientId())) {
            if (event.orderly()) {
                log.info("Draining the query stream of {} in {}: {}", event.clientId(), event.context(), event.reason());
                connection.drain();
                timer.schedule(() -> connection.close(null), properties.disconnectGrace().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                log.info("Dropping query subscriptions of {} in {}: {}", event.clientId(), event.context(), event.reason());
                connection.close(Status.UNAVAILABLE.withDescription("Client " + event.clientId()
                        + " is considered disconnected: " + event.reason()).asRuntimeException());
            }
        }
        for (ActiveSubscription subscription : queryContext.subscriptions.values()) {
            if (event.clientId().equals(subscription.subscriberClientId)) {
                subscription.session.fail(Status.UNAVAILABLE.withDescription("Client " + event.clientId()
                        + " is considered disconnected: " + event.reason()).asRuntimeException());
            }
        }
    }

    /** The contexts in which queries were subscribed or sent. */
    public Set<String> contexts() {
        return new TreeSet<>(contexts.keySet());
    }

    /** How many queries the context dispatched so far, for rates. */
    public long queriesTotal(String context) {
        QueryContext queryContext = contexts.get(context);
        return queryContext == null ? 0 : queryContext.queriesTotal();
    }

    /** Every query name known in the context, with its handlers and counters (a copy). */
    public List<QueryInfo> queries(String context) {
        QueryContext queryContext = contexts.get(context);
        return queryContext == null ? List.of() : queryContext.snapshot();
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    /** Tells every handler of the query about a new subscription, or ends it when there is none. */
    void open(ActiveSubscription subscription) {
        QueryContext queryContext = subscription.session.context;
        List<QueryHandlerConnection> targets = queryContext.open(subscription);
        if (targets == null) {
            subscription.session.fail(ErrorCode.QUERY_DISPATCH_ERROR.asException(Status.ALREADY_EXISTS,
                    "Subscription " + subscription.id + " is already open"));
            return;
        }
        if (targets.isEmpty()) {
            subscription.stats.errors.increment();
            subscription.session.noHandler();
            return;
        }
        subscription.stats.subscriptions.increment();
        for (QueryHandlerConnection target : targets) {
            target.enqueue(new QueryWork.Instruction(subscription.subscribeMessage));
        }
        if (subscription.session.isClosed()) {
            end(subscription); // the subscriber left while we registered it
        }
    }

    /** Unregisters a subscription and tells its handlers to stop emitting updates. */
    void end(ActiveSubscription subscription) {
        Collection<QueryHandlerConnection> targets = subscription.session.context.close(subscription);
        for (QueryHandlerConnection target : targets) {
            target.enqueue(new QueryWork.Instruction(subscription.unsubscribeMessage));
        }
    }

    /** Serves {@code GET_INITIAL_RESULT}: a plain query whose first result becomes the initial result. */
    void initialResult(SubscriptionSession session, SubscriptionQuery subscription) {
        QueryRequest request = subscription.getQueryRequest();
        QueryContext queryContext = session.context;
        QueryStats stats = queryContext.stats(request.getQuery());
        stats.queries.increment();
        QueryContext.Handlers handlers = queryContext.handlers(request.getQuery());
        List<QueryHandlerConnection> targets = handlers == null ? List.of() : handlers.onePerComponent();
        if (targets.isEmpty()) {
            stats.errors.increment();
            session.noHandler();
            return;
        }
        String subscriptionId = subscription.getSubscriptionIdentifier();
        QueryRequest forwarded = request.toBuilder()
                .setMessageIdentifier(request.getMessageIdentifier() + "#initial-" + UUID.randomUUID())
                .build();
        InitialResultQuery query = new InitialResultQuery(forwarded, stats,
                timeout(request.getProcessingInstructionsList()), session, subscriptionId, request.getMessageIdentifier());
        if (session.track(query)) {
            query.start(targets);
        }
    }

    /** An update, completion or initial result a handler sent for a subscription query. */
    void subscriptionResponse(QueryHandlerConnection from, SubscriptionQueryResponse response) {
        ActiveSubscription subscription = from.context.subscriptions.get(response.getSubscriptionIdentifier());
        if (subscription == null) {
            if (response.getResponseCase() == SubscriptionQueryResponse.ResponseCase.UPDATE) {
                // Nobody listens (any more): tell the handler to stop.
                from.enqueue(new QueryWork.Instruction(ActiveSubscription.unsubscribe(response.getSubscriptionIdentifier())));
            }
            return;
        }
        switch (response.getResponseCase()) {
            case UPDATE, COMPLETE, COMPLETE_EXCEPTIONALLY -> {
                boolean error = response.getResponseCase() == SubscriptionQueryResponse.ResponseCase.COMPLETE_EXCEPTIONALLY
                        || (response.hasUpdate() && !response.getUpdate().getErrorCode().isEmpty());
                if (error) {
                    subscription.stats.errors.increment();
                }
                subscription.session.fromHandler(subscription, response);
            }
            default -> log.debug("Ignoring subscription response {} from {}", response.getResponseCase(), from.clientId());
        }
    }

    private long timeout(List<ProcessingInstruction> instructions) {
        long timeout = ProcessingInstructions.number(instructions, ProcessingKey.TIMEOUT, 0);
        return timeout > 0 ? timeout : properties.defaultTimeout().toMillis();
    }

    private static QueryRequest withServerStreaming(QueryRequest request) {
        QueryRequest.Builder builder = request.toBuilder();
        List<ProcessingInstruction> instructions = builder.getProcessingInstructionsList();
        for (int i = instructions.size() - 1; i >= 0; i--) {
            if (instructions.get(i).getKey() == ProcessingKey.SERVER_SUPPORTS_STREAMING) {
                builder.removeProcessingInstructions(i);
            }
        }
        return builder.addProcessingInstructions(SERVER_STREAMING).build();
    }

    private static QueryResponse noHandler(QueryRequest request) {
        return QueryResponse.newBuilder()
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setRequestIdentifier(request.getMessageIdentifier())
                .setErrorCode(ErrorCode.NO_HANDLER_FOR_QUERY.code())
                .setErrorMessage(ErrorCode.NO_HANDLER_FOR_QUERY.asErrorMessage("No handler for query: " + request.getQuery()))
                .build();
    }

    private QueryContext context(String name) {
        QueryContext existing = contexts.get(name);
        return existing != null ? existing : contexts.computeIfAbsent(name, QueryContext::new);
    }

    private void expire() {
        try {
            long now = System.nanoTime();
            for (QueryContext queryContext : contexts.values()) {
                for (QueryHandlerConnection connection : queryContext.connections) {
                    connection.expire(now);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Checking query timeouts failed", e);
        }
    }
}
