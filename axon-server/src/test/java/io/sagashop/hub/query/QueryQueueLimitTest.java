package io.sagashop.hub.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.axoniq.axonserver.grpc.FlowControl;
import io.axoniq.axonserver.grpc.query.QueryComplete;
import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryProviderOutbound;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.axoniq.axonserver.grpc.query.QuerySubscription;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.routing.RecordingObserver;
import io.sagashop.hub.testing.TestHub;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Queries waiting for a handler that grants no permits are bounded per handler stream
 * ({@code hub.query.queue-capacity-per-client}): past the bound a query is answered at once
 * with an error naming the setting, and the ones that were queued still run once permits come.
 */
class QueryQueueLimitTest {

    private TestHub hub;
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        hub = TestHub.start(Map.of("hub.query.queue-capacity-per-client", "3"));
        channel = NettyChannelBuilder.forAddress("localhost", hub.grpcPort()).usePlaintext()
                .intercept(TestHub.adminToken()).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        hub.close();
    }

    @Test
    void queriesPastTheQueueCapacityAreRefusedAtOnceAndTheQueuedOnesRunLater() throws Exception {
        RecordingObserver<QueryProviderInbound> inbound = new RecordingObserver<>();
        StreamObserver<QueryProviderOutbound> handler = QueryServiceGrpc.newStub(channel).openStream(inbound);
        handler.onNext(QueryProviderOutbound.newBuilder().setInstructionId("s").setSubscribe(QuerySubscription.newBuilder()
                .setMessageId("s").setQuery("limit.Slow").setResultName("r").setClientId("silent-1")
                .setComponentName("silent")).build());
        assertThat(inbound.next(5).getAck().getSuccess()).isTrue();

        List<RecordingObserver<QueryResponse>> senders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RecordingObserver<QueryResponse> sender = new RecordingObserver<>();
            QueryServiceGrpc.newStub(channel).query(QueryRequest.newBuilder()
                    .setMessageIdentifier(UUID.randomUUID().toString()).setQuery("limit.Slow").build(), sender);
            senders.add(sender);
        }
        // Whichever two arrive after three are waiting are answered at once, without a permit or a timeout.
        List<RecordingObserver<QueryResponse>> refused = new ArrayList<>();
        List<RecordingObserver<QueryResponse>> waiting = new ArrayList<>(senders);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (refused.size() < 2 && System.nanoTime() < until) {
            for (RecordingObserver<QueryResponse> sender : List.copyOf(waiting)) {
                QueryResponse answer = sender.poll(20);
                if (answer != null) {
                    assertThat(answer.getErrorCode()).isEqualTo("AXONIQ-5002");
                    assertThat(answer.getErrorMessage().getMessage()).startsWith("Query limit.Slow refused: 3 queries already wait")
                            .endsWith("(hub.query.queue-capacity-per-client)");
                    assertThat(sender.ended().get(5, TimeUnit.SECONDS)).isNull();
                    refused.add(sender);
                    waiting.remove(sender);
                }
            }
        }
        assertThat(refused).hasSize(2);

        // The queued three reach the handler once it grants permits, and their answers reach their senders.
        handler.onNext(QueryProviderOutbound.newBuilder().setFlowControl(FlowControl.newBuilder().setPermits(10)).build());
        Set<String> delivered = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            QueryProviderInbound query = inbound.next(5);
            assertThat(query.hasQuery()).isTrue();
            delivered.add(query.getQuery().getMessageIdentifier());
            handler.onNext(QueryProviderOutbound.newBuilder().setQueryResponse(QueryResponse.newBuilder()
                    .setMessageIdentifier(UUID.randomUUID().toString())
                    .setRequestIdentifier(query.getQuery().getMessageIdentifier())).build());
            handler.onNext(QueryProviderOutbound.newBuilder().setQueryComplete(QueryComplete.newBuilder()
                    .setMessageId(UUID.randomUUID().toString()).setRequestId(query.getQuery().getMessageIdentifier())).build());
        }
        assertThat(delivered).hasSize(3);
        for (RecordingObserver<QueryResponse> answered : waiting) {
            QueryResponse answer = answered.next(5);
            assertThat(answer.getErrorCode()).isEmpty();
            assertThat(delivered).contains(answer.getRequestIdentifier());
        }
        handler.onCompleted();
    }
}
