package io.sagashop.hub.grpc;

import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryProviderOutbound;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryRequest;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryResponse;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.config.NonBlockingService;
import io.sagashop.hub.query.QueryProviderStream;
import io.sagashop.hub.query.QueryRouter;
import io.sagashop.hub.query.SubscriptionQueryStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * QueryService: handler streams, queries (direct, scatter-gather, streaming) and subscription
 * queries. Nothing here blocks, so its calls run on the transport threads ({@link NonBlockingService}).
 */
@Component
public class QueryGrpcService extends QueryServiceGrpc.QueryServiceImplBase implements NonBlockingService {

    private static final Logger log = LoggerFactory.getLogger(QueryGrpcService.class);

    private final QueryRouter router;

    public QueryGrpcService(QueryRouter router) {
        this.router = router;
    }

    @Override
    public StreamObserver<QueryProviderOutbound> openStream(StreamObserver<QueryProviderInbound> responseObserver) {
        QueryProviderStream provider = router.openProviderStream(CallContext.current(), responseObserver);
        return new StreamObserver<>() {
            @Override
            public void onNext(QueryProviderOutbound message) {
                String id = message.getInstructionId();
                switch (message.getRequestCase()) {
                    case SUBSCRIBE -> ack(id, provider.subscribe(message.getSubscribe()));
                    case UNSUBSCRIBE -> ack(id, provider.unsubscribe(message.getUnsubscribe()));
                    case FLOW_CONTROL -> {
                        provider.flowControl(message.getFlowControl());
                        ack(id, null);
                    }
                    case QUERY_RESPONSE -> {
                        provider.response(message.getQueryResponse());
                        ack(id, null);
                    }
                    case QUERY_COMPLETE -> {
                        provider.complete(message.getQueryComplete());
                        ack(id, null);
                    }
                    case SUBSCRIPTION_QUERY_RESPONSE -> {
                        provider.subscriptionResponse(message.getSubscriptionQueryResponse());
                        ack(id, null);
                    }
                    case ACK -> {
                        // The hub sends no instruction that needs an ack on this stream.
                    }
                    default -> Acks.unsupported(id, message.getRequestCase(), provider::acknowledge);
                }
            }

            private void ack(String id, String refusal) {
                Acks.reply(id, refusal, provider::acknowledge);
            }

            @Override
            public void onError(Throwable t) {
                provider.closed(t);
            }

            @Override
            public void onCompleted() {
                provider.closed(null);
            }
        };
    }

    @Override
    public void query(QueryRequest request, StreamObserver<QueryResponse> responseObserver) {
        router.query(CallContext.current(), request, responseObserver);
    }

    @Override
    public StreamObserver<SubscriptionQueryRequest> subscription(StreamObserver<SubscriptionQueryResponse> responseObserver) {
        SubscriptionQueryStream subscription = router.openSubscriptionStream(CallContext.current(), responseObserver);
        return new StreamObserver<>() {
            @Override
            public void onNext(SubscriptionQueryRequest request) {
                switch (request.getRequestCase()) {
                    case SUBSCRIBE -> subscription.subscribe(request.getSubscribe());
                    case UNSUBSCRIBE -> subscription.unsubscribe(request.getUnsubscribe());
                    case GET_INITIAL_RESULT -> subscription.getInitialResult(request.getGetInitialResult());
                    case FLOW_CONTROL -> subscription.flowControl(request.getFlowControl());
                    default -> log.debug("Ignoring an empty subscription query request");
                }
            }

            @Override
            public void onError(Throwable t) {
                subscription.closed(t);
            }

            @Override
            public void onCompleted() {
                subscription.closed(null);
            }
        };
    }
}
