package io.sagashop.hub.query;

import io.axoniq.axonserver.grpc.query.SubscriptionQuery;

/** A subscriber's subscription query stream as the gRPC adapter sees it. */
public interface SubscriptionQueryStream {

    /** Opens a subscription: handlers are told, updates flow back. */
    void subscribe(SubscriptionQuery query);

    /** Ends a subscription. */
    void unsubscribe(SubscriptionQuery query);

    /** Asks for the initial result (older clients; newer ones send a plain query). */
    void getInitialResult(SubscriptionQuery query);

    /** More updates may be sent ({@code number_of_permits}). */
    void flowControl(SubscriptionQuery query);

    /** The subscriber closed its side ({@code cause} null) or the stream broke. */
    void closed(Throwable cause);

    /** The hub ends the stream with {@code error} (a refused query); every subscription on it ends. */
    void refuse(io.grpc.StatusRuntimeException error);
}
