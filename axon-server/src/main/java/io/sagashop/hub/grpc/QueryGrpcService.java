package io.sagashop.hub.grpc;

import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryProviderOutbound;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryRequest;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.access.Application;
import io.sagashop.hub.access.ClientOwnership;
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
 * The caller's application must be allowed to send a query, or to handle it to subscribe; a
 * handler stream is bound to its client id for that application ({@link StreamOwner}).
 */
@Component
public class QueryGrpcService extends QueryServiceGrpc.QueryServiceImplBase implements NonBlockingService {

    private static final Logger log = LoggerFactory.getLogger(QueryGrpcService.class);

    private final QueryRouter router;
    private final ClientOwnership ownership;

    public QueryGrpcService(QueryRouter router, ClientOwnership ownership) {
        this.router = router;
        this.ownership = ownership;
    }

    @Override
    public StreamObserver<QueryProviderOutbound> openStream(StreamObserver<QueryProviderInbound> responseObserver) {
        Application caller = Caller.current();
        StreamOwner owner = new StreamOwner(ownership, caller, responseObserver);
        QueryProviderStream provider = router.openProviderStream(CallContext.current(), responseObserver);
        return new StreamObserver<>() {
            @Override
            public void onNext(QueryProviderOutbound message) {
                String id = message.getInstructionId();
                switch (message.getRequestCase()) {
                    case SUBSCRIBE -> {
                        var subscription = message.getSubscribe();
                        String refusal = caller.mayHandleQuery(subscription.getQuery());
                        if (refusal != null) {
                            log.warn("Refused a query subscription: {}", refusal);
                            Acks.deny(id, refusal, provider::acknowledge);
                        } else if (bound(subscription.getClientId())) {
                            ack(id, provider.subscribe(subscription));
                        }
                    }
                    case UNSUBSCRIBE -> ack(id, provider.unsubscribe(message.getUnsubscribe()));
                    case FLOW_CONTROL -> {
                        if (bound(message.getFlowControl().getClientId())) {
                            provider.flowControl(message.getFlowControl());
                            ack(id, null);
                        }
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

            /** False, with the stream failed, when the client id belongs to another application. */
            private boolean bound(String clientId) {
                String refusal = owner.bind(clientId);
                if (refusal == null) {
                    return true;
                }
                log.warn("Closed a query stream: {}", refusal);
                provider.refuse(denied(refusal));
                return false;
            }

            @Override
            public void onError(Throwable t) {
                owner.release();
                provider.closed(t);
            }

            @Override
            public void onCompleted() {
                owner.release();
                provider.closed(null);
            }
        };
    }

    @Override
    public void query(QueryRequest request, StreamObserver<QueryResponse> responseObserver) {
        String refusal = Caller.current().maySendQuery(request.getQuery());
        if (refusal != null) {
            log.warn("Refused a query: {}", refusal);
            responseObserver.onError(denied(refusal));
            return;
        }
        router.query(CallContext.current(), request, responseObserver);
    }

    @Override
    public StreamObserver<SubscriptionQueryRequest> subscription(StreamObserver<SubscriptionQueryResponse> responseObserver) {
        Application caller = Caller.current();
        SubscriptionQueryStream subscription = router.openSubscriptionStream(CallContext.current(), responseObserver);
        return new StreamObserver<>() {
            private boolean refused;

            @Override
            public void onNext(SubscriptionQueryRequest request) {
                if (refused) {
                    return;
                }
                String query = switch (request.getRequestCase()) {
                    case SUBSCRIBE -> request.getSubscribe().getQueryRequest().getQuery();
                    case GET_INITIAL_RESULT -> request.getGetInitialResult().getQueryRequest().getQuery();
                    default -> null;
                };
                String refusal = query == null ? null : caller.maySendQuery(query);
                if (refusal != null) {
                    log.warn("Refused a subscription query: {}", refusal);
                    refused = true;
                    subscription.refuse(denied(refusal));
                    return;
                }
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
                if (!refused) {
                    subscription.closed(t);
                }
            }

            @Override
            public void onCompleted() {
                if (!refused) {
                    subscription.closed(null);
                }
            }
        };
    }

    private static io.grpc.StatusRuntimeException denied(String refusal) {
        return ErrorCode.AUTHENTICATION_INVALID_TOKEN.asException(Status.PERMISSION_DENIED, refusal);
    }
}
