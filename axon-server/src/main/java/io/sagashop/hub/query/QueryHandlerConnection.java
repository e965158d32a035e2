package io.sagashop.hub.query;

import io.axoniq.axonserver.grpc.FlowControl;
import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.query.QueryComplete;
import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.QuerySubscription;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryResponse;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.routing.ProviderOutbox;
import io.sagashop.hub.routing.StreamClient;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's query provider stream: the queries it subscribed to, the permits it granted,
 * queries and subscription instructions waiting for permits, and queries running on it.
 */
final class QueryHandlerConnection extends ProviderOutbox<QueryProviderInbound, QueryWork>
        implements QueryProviderStream {

    private static final Logger log = LoggerFactory.getLogger(QueryHandlerConnection.class);

    private final QueryRouter router;
    final QueryContext context;
    /** Queries sent here (or waiting to be) and not finished, by request id. */
    final ConcurrentHashMap<String, QueryDispatch> inFlight = new ConcurrentHashMap<>();
    /** Query names this stream is the member for; changed under the context's monitor. */
    final Set<String> queries = ConcurrentHashMap.newKeySet();
    /** Open subscription queries this stream was told about; changed under the context's monitor. */
    final Set<ActiveSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final StreamClient client = new StreamClient();
    /** The client left in an orderly way: out of routing, open only for replies (see {@link #drain}). */
    private volatile boolean draining;

    QueryHandlerConnection(QueryRouter router, QueryContext context, StreamObserver<QueryProviderInbound> stream,
                           int capacity) {
        super(stream, capacity);
        this.router = router;
        this.context = context;
    }

    String clientId() {
        return client.clientId();
    }

    String componentName() {
        return client.componentName();
    }

    int inFlightCount() {
        return inFlight.size();
    }

    @Override
    public String subscribe(QuerySubscription subscription) {
        if (subscription.getQuery().isEmpty()) {
            return "Subscription without a query name";
        }
        String refused = client.identify(subscription.getClientId(), subscription.getComponentName());
        if (refused != null) {
            return refused;
        }
        if (isClosed()) {
            return "The query stream is closed";
        }
        if (draining) {
            return "Client " + clientId() + " closed its control stream: this query stream only finishes its running queries";
        }
        List<ActiveSubscription> open = context.subscribe(this, subscription.getQuery(), subscription.getResultName());
        if (isClosed()) {
            context.detach(this);
            return null;
        }
        if (draining) {
            context.unroute(this); // it raced with the drain: take it out again
            return null;
        }
        // Open subscription queries of this name reach the new handler too, so its updates are not lost.
        for (ActiveSubscription active : open) {
            enqueue(new QueryWork.Instruction(active.subscribeMessage));
        }
        log.debug("Client {} handles query {} in context {}", clientId(), subscription.getQuery(), context.name);
        return null;
    }

    @Override
    public String unsubscribe(QuerySubscription subscription) {
        if (subscription.getQuery().isEmpty()) {
            return "Unsubscription without a query name";
        }
        String refused = client.checkUnsubscriber(subscription.getClientId());
        if (refused != null) {
            return refused;
        }
        context.unsubscribe(this, subscription.getQuery());
        return null;
    }

    @Override
    public void flowControl(FlowControl flowControl) {
        client.identifyFromFlowControl(flowControl.getClientId());
        grant(flowControl.getPermits());
    }

    @Override
    public void response(QueryResponse response) {
        QueryDispatch query = inFlight.get(response.getRequestIdentifier());
        if (query != null) {
            query.response(this, response);
        }
    }

    @Override
    public void complete(QueryComplete complete) {
        QueryDispatch query = inFlight.get(complete.getRequestId());
        if (query != null) {
            query.complete(this);
        }
    }

    @Override
    public void subscriptionResponse(SubscriptionQueryResponse response) {
        router.subscriptionResponse(this, response);
    }

    @Override
    public void acknowledge(InstructionAck ack) {
        send(QueryProviderInbound.newBuilder().setAck(ack).build());
    }

    @Override
    public void closed(Throwable cause) {
        close(null);
    }

    @Override
    public void refuse(Throwable error) {
        close(error);
    }

    /**
     * Takes this stream out of routing (no new queries or subscription instructions reach it) but
     * keeps it open, so the replies to the queries it is running still reach their senders. It
     * closes when the client completes it, or when the router's grace period is over.
     */
    void drain() {
        draining = true;
        context.unroute(this);
    }

    boolean isDraining() {
        return draining;
    }

    /** Writes right away; for work being delivered on the draining thread. */
    void writeNow(QueryProviderInbound message) {
        write(message);
    }

    @Override
    protected boolean deliver(QueryWork work) {
        return work.deliver(this);
    }

    @Override
    protected void orphaned(QueryWork work) {
        work.orphaned(this);
    }

    @Override
    protected void teardown() {
        context.detach(this);
        for (QueryDispatch query : inFlight.values()) {
            query.lost(this, "Connection to query handler " + clientId() + " was lost while it ran query " + query.queryName);
        }
        log.debug("Query stream of {} in context {} closed", clientId(), context.name);
    }

    void expire(long now) {
        for (QueryDispatch query : inFlight.values()) {
            query.expire(now);
        }
    }

}
