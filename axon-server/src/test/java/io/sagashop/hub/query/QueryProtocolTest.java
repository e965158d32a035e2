package io.sagashop.hub.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.grpc.FlowControl;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.ProcessingInstruction;
import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.query.QueryComplete;
import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryProviderOutbound;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.axoniq.axonserver.grpc.query.QuerySubscription;
import io.axoniq.axonserver.grpc.query.QueryUpdate;
import io.axoniq.axonserver.grpc.query.QueryUpdateComplete;
import io.axoniq.axonserver.grpc.query.SubscriptionQuery;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryRequest;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryResponse;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.platform.ClientDisconnected;
import io.sagashop.hub.routing.ProcessingInstructions;
import io.sagashop.hub.routing.RecordingObserver;
import io.sagashop.hub.testing.TestHub;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The QueryService at the wire: refusals of malformed input, handlers lost mid-flight, the
 * streaming window, cancellation, and the ordering and flow control of subscription updates.
 */
class QueryProtocolTest {

    private static TestHub hub;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        channel = NettyChannelBuilder.forAddress("localhost", hub.grpcPort()).usePlaintext().intercept(io.sagashop.hub.testing.TestHub.adminToken()).build();
        RecordingObserver<QueryResponse> warmUp = new RecordingObserver<>();
        QueryServiceGrpc.newStub(channel).query(query("proto.WarmUp"), warmUp);
        warmUp.ended().join();
    }

    @AfterAll
    static void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (hub != null) {
            hub.close();
        }
    }

    /** A raw query handler stream. */
    private static final class Handler {
        final RecordingObserver<QueryProviderInbound> inbound = new RecordingObserver<>();
        final StreamObserver<QueryProviderOutbound> outbound;

        Handler(ManagedChannel channel) {
            outbound = QueryServiceGrpc.newStub(channel).openStream(inbound);
        }

        synchronized void send(QueryProviderOutbound message) {
            outbound.onNext(message);
        }

        QueryProviderInbound subscribe(String query, String clientId) throws InterruptedException {
            String id = UUID.randomUUID().toString();
            send(QueryProviderOutbound.newBuilder().setInstructionId(id).setSubscribe(QuerySubscription.newBuilder()
                    .setMessageId(id).setQuery(query).setResultName("r").setClientId(clientId).setComponentName("raw")).build());
            QueryProviderInbound ack = inbound.next(5);
            assertThat(ack.getAck().getInstructionId()).isEqualTo(id);
            return ack;
        }

        void permits(int permits) {
            send(QueryProviderOutbound.newBuilder().setFlowControl(FlowControl.newBuilder().setPermits(permits)).build());
        }

        void respond(String requestId, String text) {
            send(QueryProviderOutbound.newBuilder().setQueryResponse(QueryResponse.newBuilder()
                    .setMessageIdentifier(UUID.randomUUID().toString()).setRequestIdentifier(requestId)
                    .setErrorMessage(io.axoniq.axonserver.grpc.ErrorMessage.newBuilder().setMessage(text))).build());
        }

        void complete(String requestId) {
            send(QueryProviderOutbound.newBuilder().setQueryComplete(QueryComplete.newBuilder()
                    .setMessageId(UUID.randomUUID().toString()).setRequestId(requestId)).build());
        }

        void update(String subscriptionId, String text) {
            send(QueryProviderOutbound.newBuilder().setSubscriptionQueryResponse(SubscriptionQueryResponse.newBuilder()
                    .setSubscriptionIdentifier(subscriptionId).setMessageIdentifier(UUID.randomUUID().toString())
                    .setUpdate(QueryUpdate.newBuilder().setMessageIdentifier(text))).build());
        }
    }

    private static QueryRequest query(String name, ProcessingInstruction... instructions) {
        return QueryRequest.newBuilder().setMessageIdentifier(UUID.randomUUID().toString()).setQuery(name)
                .addAllProcessingInstructions(java.util.List.of(instructions)).build();
    }

    private static ProcessingInstruction flag(ProcessingKey key) {
        return ProcessingInstruction.newBuilder().setKey(key).setValue(MetaDataValue.newBuilder().setBooleanValue(true)).build();
    }

    @Test
    void refusesMalformedQueriesSubscriptionsAndInstructions() throws Exception {
        RecordingObserver<QueryResponse> noName = new RecordingObserver<>();
        QueryServiceGrpc.newStub(channel).query(QueryRequest.newBuilder().setMessageIdentifier("x").build(), noName);
        assertThat(Status.fromThrowable(noName.ended().get(5, TimeUnit.SECONDS)).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);

        RecordingObserver<SubscriptionQueryResponse> subscriber = new RecordingObserver<>();
        QueryServiceGrpc.newStub(channel).subscription(subscriber)
                .onNext(SubscriptionQueryRequest.newBuilder().setSubscribe(SubscriptionQuery.newBuilder()
                        .setQueryRequest(query("proto.NoId"))).build());
        assertThat(Status.fromThrowable(subscriber.ended().get(5, TimeUnit.SECONDS)).getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);

        Handler handler = new Handler(channel);
        handler.send(QueryProviderOutbound.newBuilder().setInstructionId("bad-1")
                .setSubscribe(QuerySubscription.newBuilder().setClientId("raw-bad")).build());
        assertThat(handler.inbound.next(5).getAck().getSuccess()).isFalse();
        handler.send(QueryProviderOutbound.newBuilder().setInstructionId("bad-2").build());
        assertThat(handler.inbound.next(5).getAck().getError().getErrorCode()).isEqualTo("AXONIQ-1002");
        assertThat(hub.bean(QueryRouter.class).queries("default")).noneMatch(q -> q.handlers().stream()
                .anyMatch(h -> h.clientId().equals("raw-bad")));
        handler.outbound.onCompleted();
    }

    @Test
    void answersAQueryWhoseOnlyHandlerIsLostMidFlightWithAnErrorResponse() throws Exception {
        ManagedChannel handlerChannel = NettyChannelBuilder.forAddress("localhost", hub.grpcPort()).usePlaintext().intercept(io.sagashop.hub.testing.TestHub.adminToken()).build();
        Handler handler = new Handler(handlerChannel);
        handler.subscribe("proto.Lost", "raw-lost");
        handler.permits(10);
        RecordingObserver<QueryResponse> sender = new RecordingObserver<>();
        QueryServiceGrpc.newStub(channel).query(query("proto.Lost"), sender);
        assertThat(handler.inbound.next(5).hasQuery()).isTrue();

        handlerChannel.shutdownNow();

        // As Axon Server answers: a response carrying the error, then a normal end of the call.
        QueryResponse answer = sender.next(5);
        assertThat(answer.getErrorCode()).isEqualTo("AXONIQ-5002");
        assertThat(answer.getErrorMessage().getMessage()).contains("raw-lost", "proto.Lost");
        assertThat(answer.getRequestIdentifier()).isNotEmpty();
        assertThat(sender.ended().get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void streamsInWindowsAndCancelsTheHandlerWhenTheSenderCancels() throws Exception {
        Handler handler = new Handler(channel);
        handler.subscribe("proto.Stream", "raw-stream");
        handler.permits(10);
        RecordingObserver<QueryResponse> sender = new RecordingObserver<>();
        Context.CancellableContext call = Context.current().withCancellation();
        QueryRequest request = query("proto.Stream", flag(ProcessingKey.CLIENT_SUPPORTS_STREAMING));
        call.run(() -> QueryServiceGrpc.newStub(channel).query(request, sender));

        QueryRequest received = handler.inbound.next(5).getQuery();
        assertThat(ProcessingInstructions.flag(received.getProcessingInstructionsList(), ProcessingKey.SERVER_SUPPORTS_STREAMING)).isTrue();
        QueryProviderInbound window = handler.inbound.next(5);
        assertThat(window.getQueryFlowControl().getQueryReference().getRequestId()).isEqualTo(request.getMessageIdentifier());
        long granted = window.getQueryFlowControl().getPermits();
        assertThat(granted).isEqualTo(64);

        for (int i = 0; i < granted; i++) {
            handler.respond(request.getMessageIdentifier(), "result-" + i);
        }
        for (int i = 0; i < granted; i++) {
            assertThat(sender.next(5).getErrorMessage().getMessage()).isEqualTo("result-" + i);
        }
        // Half the window used and the sender keeps up: the hub asks for more.
        QueryProviderInbound topUp = handler.inbound.next(5);
        assertThat(topUp.getQueryFlowControl().getPermits()).isPositive();

        call.cancel(null);

        QueryProviderInbound next = handler.inbound.next(5);
        while (next.hasQueryFlowControl()) {
            next = handler.inbound.next(5);
        }
        assertThat(next.getQueryCancel().getRequestId()).isEqualTo(request.getMessageIdentifier());
        handler.outbound.onCompleted();
    }

    @Test
    void holdsUpdatesForPermitsKeepsCompletionLastAndReachesLateHandlers() throws Exception {
        Handler early = new Handler(channel);
        early.subscribe("proto.Prices", "raw-early");
        early.permits(100);
        RecordingObserver<SubscriptionQueryResponse> subscriber = new RecordingObserver<>();
        StreamObserver<SubscriptionQueryRequest> requests = QueryServiceGrpc.newStub(channel).subscription(subscriber);
        SubscriptionQuery subscription = SubscriptionQuery.newBuilder().setSubscriptionIdentifier("sub-1")
                .setQueryRequest(query("proto.Prices")).build();
        requests.onNext(SubscriptionQueryRequest.newBuilder()
                .setFlowControl(SubscriptionQuery.newBuilder().setNumberOfPermits(2)).build());
        requests.onNext(SubscriptionQueryRequest.newBuilder().setSubscribe(subscription).build());

        assertThat(early.inbound.next(5).getSubscriptionQueryRequest().getSubscribe().getSubscriptionIdentifier()).isEqualTo("sub-1");
        Handler late = new Handler(channel);
        late.subscribe("proto.Prices", "raw-late");
        late.permits(100);
        assertThat(late.inbound.next(5).getSubscriptionQueryRequest().getSubscribe().getSubscriptionIdentifier())
                .as("a handler subscribing later is told about open subscriptions").isEqualTo("sub-1");

        early.update("sub-1", "u1");
        early.update("sub-1", "u2");
        assertThat(subscriber.next(5).getUpdate().getMessageIdentifier()).isEqualTo("u1");
        assertThat(subscriber.next(5).getUpdate().getMessageIdentifier()).isEqualTo("u2");
        late.update("sub-1", "u3");
        late.send(QueryProviderOutbound.newBuilder().setSubscriptionQueryResponse(SubscriptionQueryResponse.newBuilder()
                .setSubscriptionIdentifier("sub-1").setComplete(QueryUpdateComplete.newBuilder().setClientId("raw-late"))).build());
        assertThat(subscriber.poll(300)).as("no permit for the third update, and completion waits behind it").isNull();

        requests.onNext(SubscriptionQueryRequest.newBuilder()
                .setFlowControl(SubscriptionQuery.newBuilder().setNumberOfPermits(1)).build());
        assertThat(subscriber.next(5).getUpdate().getMessageIdentifier()).isEqualTo("u3");
        assertThat(subscriber.next(5).hasComplete()).isTrue();
        // Completed: both handlers are told to stop.
        assertThat(early.inbound.next(5).getSubscriptionQueryRequest().hasUnsubscribe()).isTrue();
        assertThat(late.inbound.next(5).getSubscriptionQueryRequest().hasUnsubscribe()).isTrue();

        late.update("sub-1", "too late");
        assertThat(late.inbound.next(5).getSubscriptionQueryRequest().getUnsubscribe().getSubscriptionIdentifier())
                .as("an update nobody listens to is answered with unsubscribe").isEqualTo("sub-1");
        requests.onCompleted();
        assertThat(subscriber.ended().get(5, TimeUnit.SECONDS)).isNull();
        early.outbound.onCompleted();
        late.outbound.onCompleted();
    }

    @Test
    @SuppressWarnings("deprecation") // GET_INITIAL_RESULT is deprecated in the API, and still what Axon Framework 4 sends
    void answersTheInitialResultOnTheSubscriptionStream() throws Exception {
        Handler handler = new Handler(channel);
        handler.subscribe("proto.Initial", "raw-initial");
        handler.permits(100);
        RecordingObserver<SubscriptionQueryResponse> subscriber = new RecordingObserver<>();
        StreamObserver<SubscriptionQueryRequest> requests = QueryServiceGrpc.newStub(channel).subscription(subscriber);
        QueryRequest request = query("proto.Initial");
        SubscriptionQuery subscription = SubscriptionQuery.newBuilder()
                .setSubscriptionIdentifier(request.getMessageIdentifier()).setQueryRequest(request).build();
        requests.onNext(SubscriptionQueryRequest.newBuilder().setSubscribe(subscription).build());
        requests.onNext(SubscriptionQueryRequest.newBuilder().setGetInitialResult(subscription).build());

        assertThat(handler.inbound.next(5).getSubscriptionQueryRequest().hasSubscribe()).isTrue();
        QueryRequest asked = handler.inbound.next(5).getQuery();
        assertThat(asked.getQuery()).isEqualTo("proto.Initial");
        handler.respond(asked.getMessageIdentifier(), "initial");
        handler.complete(asked.getMessageIdentifier());

        SubscriptionQueryResponse initial = subscriber.next(5);
        assertThat(initial.getSubscriptionIdentifier()).isEqualTo(request.getMessageIdentifier());
        assertThat(initial.getInitialResult().getErrorMessage().getMessage()).isEqualTo("initial");
        assertThat(initial.getInitialResult().getRequestIdentifier()).isEqualTo(request.getMessageIdentifier());
        requests.onCompleted();
        handler.outbound.onCompleted();
    }

    @Test
    void dropsAQueryHandlerThePlatformGaveUpOn() throws Exception {
        Handler handler = new Handler(channel);
        handler.subscribe("proto.Dropped", "raw-gone");
        handler.permits(10);
        RecordingObserver<QueryResponse> sender = new RecordingObserver<>();
        QueryServiceGrpc.newStub(channel).query(query("proto.Dropped"), sender);
        handler.inbound.next(5);

        hub.context().publishEvent(new ClientDisconnected("default", "raw-gone", "heartbeat missed"));

        assertThat(sender.next(5).getErrorCode()).isEqualTo("AXONIQ-5002");
        assertThat(sender.ended().get(5, TimeUnit.SECONDS)).isNull();
        assertThat(Status.fromThrowable(handler.inbound.ended().get(5, TimeUnit.SECONDS)).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> hub.bean(QueryRouter.class).queries("default").stream()
                .filter(q -> q.name().equals("proto.Dropped")).allMatch(q -> q.handlers().isEmpty()));
        RecordingObserver<QueryResponse> after = new RecordingObserver<>();
        QueryServiceGrpc.newStub(channel).query(query("proto.Dropped"), after);
        assertThat(after.next(5).getErrorCode()).isEqualTo("AXONIQ-5000");
    }
}
