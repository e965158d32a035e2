package io.sagashop.hub.query;

import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.SubscriptionQuery;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An open subscription query: who subscribed, and which handler instances emit its updates. */
final class ActiveSubscription {

    final String id;
    final String queryName;
    /** The client id the subscriber put in its query. */
    final String subscriberClientId;
    final SubscriptionSession session;
    final QueryStats stats;
    /** The handler instances told about it; changed under the context's monitor. */
    final Set<QueryHandlerConnection> handlers = ConcurrentHashMap.newKeySet();
    final QueryProviderInbound subscribeMessage;
    final QueryProviderInbound unsubscribeMessage;

    ActiveSubscription(SubscriptionQuery query, SubscriptionSession session, QueryStats stats) {
        this.id = query.getSubscriptionIdentifier();
        this.queryName = query.getQueryRequest().getQuery();
        this.subscriberClientId = query.getQueryRequest().getClientId();
        this.session = session;
        this.stats = stats;
        this.subscribeMessage = QueryProviderInbound.newBuilder()
                .setSubscriptionQueryRequest(SubscriptionQueryRequest.newBuilder().setSubscribe(query)).build();
        this.unsubscribeMessage = QueryProviderInbound.newBuilder()
                .setSubscriptionQueryRequest(SubscriptionQueryRequest.newBuilder().setUnsubscribe(query)).build();
    }

    /** The instruction telling a handler to stop sending updates for a subscription the hub no longer knows. */
    static QueryProviderInbound unsubscribe(String subscriptionId) {
        return QueryProviderInbound.newBuilder()
                .setSubscriptionQueryRequest(SubscriptionQueryRequest.newBuilder()
                        .setUnsubscribe(SubscriptionQuery.newBuilder().setSubscriptionIdentifier(subscriptionId)))
                .build();
    }
}
