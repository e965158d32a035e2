package io.sagashop.hub.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.ReplyChannel;
import io.axoniq.axonserver.connector.ResultStream;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.connector.query.QueryDefinition;
import io.axoniq.axonserver.connector.query.QueryHandler;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.sagashop.hub.platform.ClientRegistry;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a client could tell the hub from Axon Server in query routing, seen through the
 * unmodified connector (the library Axon Framework 4.13 uses): replies still in transit when a
 * handler's client disconnects in an orderly way, the error answers of streaming queries.
 */
class QueryParityTest {

    private static TestHub hub;
    private static AxonServerConnectionFactory senderFactory;
    private static AxonServerConnection sender;
    private final List<AxonServerConnectionFactory> handlers = new ArrayList<>();

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        senderFactory = factory("parity-sender", "parity-sender-1");
        sender = senderFactory.connect("default");
    }

    @AfterEach
    void stopHandlers() {
        handlers.forEach(AxonServerConnectionFactory::shutdown);
        handlers.clear();
    }

    @AfterAll
    static void stop() {
        if (senderFactory != null) {
            senderFactory.shutdown();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void deliversTheReplyOfAQueryWhoseHandlerDisconnectsWhileRunningIt() throws Exception {
        String clientId = "drain-handler-" + UUID.randomUUID();
        AxonServerConnection handler = handlerConnection("drain-handler", clientId);
        CompletableFuture<ReplyChannel<QueryResponse>> running = new CompletableFuture<>();
        handler.queryChannel().registerQueryHandler(new HoldingHandler(running), new QueryDefinition("parity.Drain", "result"))
                .awaitAck(5, TimeUnit.SECONDS);

        ResultStream<QueryResponse> result = sender.queryChannel().query(query("parity.Drain"));
        ReplyChannel<QueryResponse> reply = running.get(10, TimeUnit.SECONDS);

        // The connector closes its control stream first, then waits for the running query before it
        // closes its query stream: exactly the moment replies used to be lost.
        CompletableFuture<Void> disconnecting = CompletableFuture.runAsync(handler::disconnect);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> hub.bean(ClientRegistry.class).find("default", clientId).isEmpty());

        // Nothing new reaches the leaving client: a second query finds no handler at once.
        QueryResponse second = sender.queryChannel().query(query("parity.Drain")).nextIfAvailable(10, TimeUnit.SECONDS);
        assertThat(second).isNotNull();
        assertThat(second.getErrorCode()).isEqualTo("AXONIQ-5000");

        reply.send(QueryResponse.newBuilder().setMessageIdentifier(UUID.randomUUID().toString())
                .setPayload(payload("answered while leaving")).build());
        reply.complete();

        QueryResponse answer = result.nextIfAvailable(10, TimeUnit.SECONDS);
        assertThat(answer).as("the reply sent after the control stream closed").isNotNull();
        assertThat(answer.getErrorCode()).isEmpty();
        assertThat(answer.getPayload().getData().toStringUtf8()).isEqualTo("answered while leaving");
        disconnecting.get(20, TimeUnit.SECONDS);
    }

    @Test
    void leavesOutTheErrorOfOneOfSeveralStreamingHandlersAndStreamsTheOthersResults() throws Exception {
        AxonServerConnection handler = handlerConnection("stream-handlers", "stream-handlers-" + UUID.randomUUID());
        QueryDefinition definition = new QueryDefinition("parity.OneFails", "result");
        handler.queryChannel().registerQueryHandler(new CountingHandler("ok-", 20), definition).awaitAck(5, TimeUnit.SECONDS);
        handler.queryChannel().registerQueryHandler(new FailingHandler(), definition).awaitAck(5, TimeUnit.SECONDS);

        List<QueryResponse> responses = readAll(sender.queryChannel().query(streamingQuery("parity.OneFails")));

        assertThat(responses).as("the failing handler's error is left out").noneMatch(QueryResponse::hasErrorMessage);
        assertThat(responses).extracting(r -> r.getPayload().getData().toStringUtf8())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "ok-" + i).toList());
    }

    @Test
    void answersWithTheErrorWhenEveryStreamingHandlerFails() throws Exception {
        AxonServerConnection handler = handlerConnection("stream-failing", "stream-failing-" + UUID.randomUUID());
        QueryDefinition definition = new QueryDefinition("parity.AllFail", "result");
        handler.queryChannel().registerQueryHandler(new FailingHandler(), definition).awaitAck(5, TimeUnit.SECONDS);
        handler.queryChannel().registerQueryHandler(new FailingHandler(), definition).awaitAck(5, TimeUnit.SECONDS);

        List<QueryResponse> responses = readAll(sender.queryChannel().query(streamingQuery("parity.AllFail")));

        assertThat(responses).hasSize(1);
        assertThat(responses.get(0).hasErrorMessage()).isTrue();
        assertThat(responses.get(0).getErrorMessage().getMessage()).isEqualTo("handler failed");
    }

    @Test
    void answersAStreamingQueryWhoseHandlersFlowControlThrowsWithAnErrorResponse() throws Exception {
        AxonServerConnection handler = handlerConnection("stream-throwing", "stream-throwing-" + UUID.randomUUID());
        handler.queryChannel().registerQueryHandler(new ThrowingFlowControlHandler(), new QueryDefinition("parity.Throws", "result"))
                .awaitAck(5, TimeUnit.SECONDS);

        ResultStream<QueryResponse> result = sender.queryChannel().query(streamingQuery("parity.Throws"));

        // A response the sender reads, as from Axon Server, rather than a failed call.
        QueryResponse response = result.nextIfAvailable(10, TimeUnit.SECONDS);
        assertThat(response).isNotNull();
        assertThat(response.hasErrorMessage()).isTrue();
        assertThat(response.getErrorCode()).isEqualTo("AXONIQ-5002");
        assertThat(response.getErrorMessage().getMessage()).contains("parity.Throws");
        await().atMost(Duration.ofSeconds(10)).until(result::isClosed);
        assertThat(result.getError()).isEmpty();
    }

    /** Streams {@code count} results named {@code prefix + i} as the hub asks for them, then completes. */
    private static final class CountingHandler implements QueryHandler {
        private final String prefix;
        private final int count;

        CountingHandler(String prefix, int count) {
            this.prefix = prefix;
            this.count = count;
        }

        @Override
        public void handle(QueryRequest query, ReplyChannel<QueryResponse> responseHandler) {
            responseHandler.complete();
        }

        @Override
        public io.axoniq.axonserver.connector.FlowControl stream(QueryRequest query, ReplyChannel<QueryResponse> reply) {
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean completed = new java.util.concurrent.atomic.AtomicBoolean();
            return new io.axoniq.axonserver.connector.FlowControl() {
                @Override
                public void request(long requested) {
                    for (long k = 0; k < requested; k++) {
                        int i = next.getAndIncrement();
                        if (i >= count) {
                            if (completed.compareAndSet(false, true)) {
                                reply.complete();
                            }
                            return;
                        }
                        reply.send(QueryResponse.newBuilder().setMessageIdentifier(UUID.randomUUID().toString())
                                .setPayload(payload(prefix + i)).build());
                    }
                }

                @Override
                public void cancel() {
                    if (completed.compareAndSet(false, true)) {
                        reply.complete();
                    }
                }
            };
        }
    }

    /** Answers the first request for results with an error response, as a failing handler does. */
    private static final class FailingHandler implements QueryHandler {
        @Override
        public void handle(QueryRequest query, ReplyChannel<QueryResponse> responseHandler) {
            responseHandler.complete();
        }

        @Override
        public io.axoniq.axonserver.connector.FlowControl stream(QueryRequest query, ReplyChannel<QueryResponse> reply) {
            java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
            return new io.axoniq.axonserver.connector.FlowControl() {
                @Override
                public void request(long requested) {
                    if (failed.compareAndSet(false, true)) {
                        reply.sendLast(QueryResponse.newBuilder().setMessageIdentifier(UUID.randomUUID().toString())
                                .setErrorCode("AXONIQ-5001")
                                .setErrorMessage(io.axoniq.axonserver.grpc.ErrorMessage.newBuilder()
                                        .setErrorCode("AXONIQ-5001").setMessage("handler failed"))
                                .build());
                    }
                }

                @Override
                public void cancel() {
                    reply.complete();
                }
            };
        }
    }

    /** A handler whose flow control throws when asked for results: the connector's query stream breaks. */
    private static final class ThrowingFlowControlHandler implements QueryHandler {
        @Override
        public void handle(QueryRequest query, ReplyChannel<QueryResponse> responseHandler) {
            responseHandler.complete();
        }

        @Override
        public io.axoniq.axonserver.connector.FlowControl stream(QueryRequest query, ReplyChannel<QueryResponse> reply) {
            return new io.axoniq.axonserver.connector.FlowControl() {
                @Override
                public void request(long requested) {
                    throw new IllegalStateException("flow control broke");
                }

                @Override
                public void cancel() {
                    reply.complete();
                }
            };
        }
    }

    /** Every response of a query until its stream ends. */
    private static List<QueryResponse> readAll(ResultStream<QueryResponse> stream) throws InterruptedException {
        List<QueryResponse> responses = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!stream.isClosed() && System.nanoTime() < deadline) {
            QueryResponse response = stream.nextIfAvailable(100, TimeUnit.MILLISECONDS);
            if (response != null) {
                responses.add(response);
            }
        }
        assertThat(stream.isClosed()).as("the query's stream ended").isTrue();
        assertThat(stream.getError()).as("ended normally").isEmpty();
        return responses;
    }

    static QueryRequest streamingQuery(String name) {
        return query(name).toBuilder().addProcessingInstructions(io.axoniq.axonserver.grpc.ProcessingInstruction.newBuilder()
                .setKey(io.axoniq.axonserver.grpc.ProcessingKey.CLIENT_SUPPORTS_STREAMING)
                .setValue(io.axoniq.axonserver.grpc.MetaDataValue.newBuilder().setBooleanValue(true))).build();
    }

    /** Holds on to the reply channel of the query it gets, so the test decides when it answers. */
    private record HoldingHandler(CompletableFuture<ReplyChannel<QueryResponse>> running) implements QueryHandler {
        @Override
        public void handle(QueryRequest query, ReplyChannel<QueryResponse> responseHandler) {
            running.complete(responseHandler);
        }
    }

    private AxonServerConnection handlerConnection(String component, String clientId) {
        AxonServerConnectionFactory factory = factory(component, clientId);
        handlers.add(factory);
        return factory.connect("default");
    }

    private static AxonServerConnectionFactory factory(String component, String clientId) {
        return AxonServerConnectionFactory.forClient(component, clientId)
                .routingServers(new ServerAddress("localhost", hub.grpcPort()))
                .token(TestHub.ADMIN_TOKEN)
                .reconnectInterval(200, TimeUnit.MILLISECONDS)
                .build();
    }

    static QueryRequest query(String name) {
        return QueryRequest.newBuilder().setQuery(name).setMessageIdentifier(UUID.randomUUID().toString())
                .setPayload(payload("ask")).build();
    }

    static SerializedObject payload(String text) {
        return SerializedObject.newBuilder().setType("java.lang.String").setData(ByteString.copyFromUtf8(text)).build();
    }
}
