package io.sagashop.hub.grpc;

import io.axoniq.axonserver.grpc.event.Confirmation;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest;
import io.axoniq.axonserver.grpc.event.GetAggregateSnapshotsRequest;
import io.axoniq.axonserver.grpc.event.GetEventsRequest;
import io.axoniq.axonserver.grpc.event.GetFirstTokenRequest;
import io.axoniq.axonserver.grpc.event.GetLastTokenRequest;
import io.axoniq.axonserver.grpc.event.GetTokenAtRequest;
import io.axoniq.axonserver.grpc.event.QueryEventsRequest;
import io.axoniq.axonserver.grpc.event.QueryEventsResponse;
import io.axoniq.axonserver.grpc.event.ReadHighestSequenceNrRequest;
import io.axoniq.axonserver.grpc.event.ReadHighestSequenceNrResponse;
import io.axoniq.axonserver.grpc.event.TrackingToken;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.config.NonBlockingService;
import io.sagashop.hub.eventstore.EventStoreService;
import io.sagashop.hub.eventstore.IncomingEvent;
import io.sagashop.hub.eventstore.QueryStream;
import io.sagashop.hub.eventstore.TrackingStream;
import io.sagashop.hub.eventstore.WireMessage;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * EventStore service. Events travel in wire form: AppendEvent is bound with a marshaller that
 * keeps each event's bytes as the client sent them, and the methods whose responses are events
 * (ListEvents, ListAggregateEvents, ListAggregateSnapshots) with one that sends the stored bytes
 * as they are; everything else uses the generated binding (that is why this
 * class implements the generated AsyncService instead of extending the ImplBase, whose
 * bindService is final). A method not implemented here answers UNIMPLEMENTED naming the method,
 * through the interface's default methods.
 */
@Component
public class EventStoreGrpcService implements EventStoreGrpc.AsyncService, BindableService, NonBlockingService {

    private static final Confirmation SUCCESS = Confirmation.newBuilder().setSuccess(true).build();
    /**
     * AppendEvent asks the transport for this many events at a time instead of one: gRPC's
     * default one-at-a-time request costs a hop to the transport thread per event. The size of a
     * transaction is still bounded by hub.eventstore.max-transaction-size.
     */
    private static final int APPEND_REQUEST_AHEAD = 256;

    private final EventStoreService eventStore;

    public EventStoreGrpcService(EventStoreService eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * AppendEvent only collects the events and hands the transaction to the writer, whose
     * confirmation answers later on its own thread: it runs on the transport threads, saving a
     * hand-over per event. Every other method reads the database and stays on the executor.
     */
    @Override
    public boolean nonBlocking(String fullMethodName) {
        return fullMethodName.equals(EventStoreGrpc.getAppendEventMethod().getFullMethodName());
    }

    @Override
    public ServerServiceDefinition bindService() {
        ServerServiceDefinition generated = EventStoreGrpc.bindService(this);
        ServerServiceDefinition.Builder binding = ServerServiceDefinition.builder(generated.getServiceDescriptor().getName());
        for (ServerMethodDefinition<?, ?> method : generated.getMethods()) {
            String name = method.getMethodDescriptor().getFullMethodName();
            if (name.equals(EventStoreGrpc.getAppendEventMethod().getFullMethodName())) {
                MethodDescriptor<Event, Confirmation> append = EventStoreGrpc.getAppendEventMethod();
                binding.addMethod(append.toBuilder(IncomingEvent.marshaller(), append.getResponseMarshaller()).build(),
                        ServerCalls.asyncClientStreamingCall(this::appendInWireForm));
            } else if (name.equals(EventStoreGrpc.getListEventsMethod().getFullMethodName())) {
                binding.addMethod(wire(EventStoreGrpc.getListEventsMethod()),
                        ServerCalls.asyncBidiStreamingCall(this::listEventsInWireForm));
            } else if (name.equals(EventStoreGrpc.getListAggregateEventsMethod().getFullMethodName())) {
                binding.addMethod(wire(EventStoreGrpc.getListAggregateEventsMethod()),
                        ServerCalls.asyncServerStreamingCall(this::listAggregateEventsInWireForm));
            } else if (name.equals(EventStoreGrpc.getListAggregateSnapshotsMethod().getFullMethodName())) {
                binding.addMethod(wire(EventStoreGrpc.getListAggregateSnapshotsMethod()),
                        ServerCalls.asyncServerStreamingCall(this::listAggregateSnapshotsInWireForm));
            } else {
                binding.addMethod(method);
            }
        }
        return binding.build();
    }

    private static <Q> MethodDescriptor<Q, WireMessage> wire(MethodDescriptor<Q, ?> method) {
        return method.toBuilder(method.getRequestMarshaller(), WireMessage.marshaller()).build();
    }

    /** AppendEvent: the events arrive as the client's bytes ({@link IncomingEvent}), stored as they are. */
    private StreamObserver<IncomingEvent> appendInWireForm(StreamObserver<Confirmation> responseObserver) {
        var transaction = eventStore.startTransaction(CallContext.current());
        var call = (ServerCallStreamObserver<Confirmation>) responseObserver;
        call.disableAutoRequest();
        call.request(APPEND_REQUEST_AHEAD);
        return new StreamObserver<>() {
            private boolean failed;
            private int received;

            @Override
            public void onNext(IncomingEvent event) {
                if (++received % (APPEND_REQUEST_AHEAD / 2) == 0) {
                    call.request(APPEND_REQUEST_AHEAD / 2);
                }
                if (failed) {
                    return;
                }
                try {
                    transaction.add(event);
                } catch (StatusRuntimeException e) {
                    failed = true;
                    responseObserver.onError(e);
                }
            }

            @Override
            public void onError(Throwable t) {
                // The client rolled back: nothing of the transaction is stored.
                failed = true;
                transaction.abort();
            }

            @Override
            public void onCompleted() {
                if (failed) {
                    return;
                }
                transaction.commit().whenComplete((token, error) -> {
                    if (error == null) {
                        responseObserver.onNext(SUCCESS);
                        responseObserver.onCompleted();
                    } else {
                        responseObserver.onError(error instanceof CompletionException ? error.getCause() : error);
                    }
                });
            }
        };
    }

    @Override
    public void appendSnapshot(Event request, StreamObserver<Confirmation> responseObserver) {
        UnaryCall.answer(responseObserver, () -> {
            eventStore.appendSnapshot(CallContext.current(), request);
            return SUCCESS;
        });
    }

    private void listAggregateEventsInWireForm(GetAggregateEventsRequest request, StreamObserver<WireMessage> out) {
        try {
            eventStore.listAggregateEvents(CallContext.current(), request, (ServerCallStreamObserver<WireMessage>) out);
        } catch (StatusRuntimeException e) {
            out.onError(e);
        }
    }

    private void listAggregateSnapshotsInWireForm(GetAggregateSnapshotsRequest request, StreamObserver<WireMessage> out) {
        try {
            eventStore.listAggregateSnapshots(CallContext.current(), request, out);
        } catch (StatusRuntimeException e) {
            out.onError(e);
        }
    }

    private StreamObserver<GetEventsRequest> listEventsInWireForm(StreamObserver<WireMessage> out) {
        TrackingStream stream = eventStore.openTrackingStream(CallContext.current(), (ServerCallStreamObserver<WireMessage>) out);
        return requests(stream::request, stream::clientDone);
    }

    @Override
    public StreamObserver<QueryEventsRequest> queryEvents(StreamObserver<QueryEventsResponse> responseObserver) {
        QueryStream stream = eventStore.openQuery(CallContext.current(),
                (ServerCallStreamObserver<QueryEventsResponse>) responseObserver);
        return requests(stream::request, stream::clientDone);
    }

    @Override
    public void readHighestSequenceNr(ReadHighestSequenceNrRequest request,
                                      StreamObserver<ReadHighestSequenceNrResponse> responseObserver) {
        UnaryCall.answer(responseObserver, () -> ReadHighestSequenceNrResponse.newBuilder()
                .setToSequenceNr(eventStore.highestSequence(CallContext.current(), request.getAggregateId(),
                        request.getFromSequenceNr()))
                .build());
    }

    @Override
    public void getFirstToken(GetFirstTokenRequest request, StreamObserver<TrackingToken> responseObserver) {
        UnaryCall.answer(responseObserver, () -> token(eventStore.firstToken(CallContext.current())));
    }

    @Override
    public void getLastToken(GetLastTokenRequest request, StreamObserver<TrackingToken> responseObserver) {
        UnaryCall.answer(responseObserver, () -> token(eventStore.lastToken(CallContext.current())));
    }

    @Override
    public void getTokenAt(GetTokenAtRequest request, StreamObserver<TrackingToken> responseObserver) {
        UnaryCall.answer(responseObserver, () -> token(eventStore.tokenAt(CallContext.current(), request.getInstant())));
    }

    /** The client's side of a streaming read: each request is handed on; an end or an error means the client is done. */
    private static <T> StreamObserver<T> requests(Consumer<T> onRequest, Runnable clientDone) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T request) {
                onRequest.accept(request);
            }

            @Override
            public void onError(Throwable t) {
                clientDone.run();
            }

            @Override
            public void onCompleted() {
                clientDone.run();
            }
        };
    }

    private static TrackingToken token(long token) {
        return TrackingToken.newBuilder().setToken(token).build();
    }

}
