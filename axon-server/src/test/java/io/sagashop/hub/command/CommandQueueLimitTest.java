package io.sagashop.hub.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandProviderOutbound;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.axoniq.axonserver.grpc.command.CommandSubscription;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.routing.RecordingObserver;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Commands waiting for a handler that grants no permits are bounded in bytes over all handlers
 * ({@code hub.command.max-queued-size}); the ones past it are answered at once, and the queue
 * is emptied of commands that timed out, so it takes new ones again.
 */
class CommandQueueLimitTest {

    private static final int COMMAND_BYTES = 100 * 1024;

    private TestHub hub;
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        hub = TestHub.start(Map.of("hub.command.max-queued-size", "1MB", "hub.command.default-timeout", "3s"));
        channel = NettyChannelBuilder.forAddress("localhost", hub.grpcPort()).usePlaintext()
                .intercept(TestHub.adminToken()).build();
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        hub.close();
    }

    @Test
    void commandsPastTheQueuedBytesAreRefusedAtOnceAndTimedOutOnesFreeTheQueue() throws Exception {
        RecordingObserver<io.axoniq.axonserver.grpc.command.CommandProviderInbound> inbound = new RecordingObserver<>();
        StreamObserver<CommandProviderOutbound> handler = CommandServiceGrpc.newStub(channel).openStream(inbound);
        // Subscribed, and never a permit: every command waits.
        handler.onNext(CommandProviderOutbound.newBuilder().setInstructionId("s").setSubscribe(CommandSubscription
                .newBuilder().setMessageId("s").setCommand("limit.Big").setClientId("silent-1")
                .setComponentName("silent")).build());
        assertThat(inbound.next(5).getAck().getSuccess()).isTrue();

        List<CompletableFuture<CommandResponse>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(dispatch());
        }
        // 1 MB holds 10 of them at most; the others are refused without waiting for the timeout.
        await().atMost(Duration.ofSeconds(2)).until(() -> answers.stream().filter(CompletableFuture::isDone).count() >= 10);
        List<CommandResponse> refused = answers.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.getErrorCode()).isEqualTo("AXONIQ-4003");
            assertThat(answer.getErrorMessage().getMessage()).startsWith("Command limit.Big refused: commands of")
                    .endsWith("(hub.command.max-queued-size)");
        });
        assertThat(hub.bean(CommandRouter.class).queuedBytes()).isLessThanOrEqualTo(1024 * 1024);

        // The waiting ones time out, leave the queue, and the bytes are free again.
        for (CompletableFuture<CommandResponse> answer : answers) {
            CommandResponse response = answer.get(10, TimeUnit.SECONDS);
            assertThat(response.getErrorCode()).isEqualTo("AXONIQ-4003");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.bean(CommandRouter.class).queuedBytes() == 0);
        assertThat(hub.bean(CommandRouter.class).commands("default").get(0).handlers().get(0).waiting()).isZero();
        assertThat(dispatch().get(10, TimeUnit.SECONDS).getErrorMessage().getMessage())
                .as("taken into the queue again, so it times out rather than being refused").contains("timed out");
        handler.onCompleted();
    }

    private CompletableFuture<CommandResponse> dispatch() {
        Command command = Command.newBuilder().setMessageIdentifier(UUID.randomUUID().toString()).setName("limit.Big")
                .setPayload(SerializedObject.newBuilder().setType("bytes")
                        .setData(ByteString.copyFrom(new byte[COMMAND_BYTES]))).build();
        CompletableFuture<CommandResponse> answer = new CompletableFuture<>();
        CommandServiceGrpc.newStub(channel).dispatch(command, new StreamObserver<>() {
            @Override
            public void onNext(CommandResponse response) {
                answer.complete(response);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        return answer;
    }
}
