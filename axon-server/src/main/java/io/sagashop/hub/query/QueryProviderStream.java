package io.sagashop.hub.query;

import io.axoniq.axonserver.grpc.FlowControl;
import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.query.QueryComplete;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.QuerySubscription;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryResponse;

/**
 * A client's query provider stream as the gRPC adapter sees it: what the client sends is handed
 * to these methods; the router writes queries, subscription instructions and acks back.
 */
public interface QueryProviderStream {

    /** @return null when done, else why the subscription was refused (nothing changed then) */
    String subscribe(QuerySubscription subscription);

    /** @return null when done, else why the request was refused (nothing changed then) */
    String unsubscribe(QuerySubscription subscription);

    /** Permits the client granted for more queries. */
    void flowControl(FlowControl flowControl);

    /** One result of a query sent to this client. */
    void response(QueryResponse response);

    /** The client sent all its results of a query. */
    void complete(QueryComplete complete);

    /** An update, completion or initial result of a subscription query. */
    void subscriptionResponse(SubscriptionQueryResponse response);

    /** Sends an acknowledgement on the stream (it never waits for permits). */
    void acknowledge(InstructionAck ack);

    /** The client closed the stream ({@code cause} null) or it broke: drop its subscriptions. */
    void closed(Throwable cause);

    /** The hub ends the stream with {@code error}: what is queued is routed elsewhere, the client told why. */
    void refuse(Throwable error);
}
