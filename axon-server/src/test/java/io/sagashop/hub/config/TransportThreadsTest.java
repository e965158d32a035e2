package io.sagashop.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Confirmation;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hub serves gRPC on threads of its own, named as such, and takes them down when it stops. */
class TransportThreadsTest {

    @Test
    void theHubsCallsRunOnItsOwnNamedThreadsWhichStopWithIt() throws Exception {
        CompletableFuture<Boolean> confirmed = new CompletableFuture<>();
        try (TestHub hub = TestHub.startOnH2()) {
            ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", hub.grpcPort()).usePlaintext()
                    .intercept(TestHub.adminToken()).build();
            try {
                StreamObserver<Event> transaction = EventStoreGrpc.newStub(channel).appendEvent(new StreamObserver<>() {
                    @Override
                    public void onNext(Confirmation confirmation) {
                        confirmed.complete(confirmation.getSuccess());
                    }

                    @Override
                    public void onError(Throwable t) {
                        confirmed.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
                transaction.onNext(Event.newBuilder().setMessageIdentifier(UUID.randomUUID().toString())
                        .setAggregateIdentifier("thread-test").setAggregateSequenceNumber(0).setAggregateType("Thing")
                        .setTimestamp(System.currentTimeMillis())
                        .setPayload(SerializedObject.newBuilder().setType("Made").build()).build());
                transaction.onCompleted();
                assertThat(confirmed.get(10, TimeUnit.SECONDS)).isTrue();
                // The hub serves on event loops of its own, not on gRPC's shared ones that the client uses.
                assertThat(hubThreads()).anyMatch(name -> name.startsWith("hub-grpc-worker-"));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hubThreads()).isEmpty());
    }

    private static List<String> hubThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("hub-grpc-")).toList();
    }
}
