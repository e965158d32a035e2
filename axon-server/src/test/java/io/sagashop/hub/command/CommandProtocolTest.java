package io.sagashop.hub.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.FlowControl;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.ProcessingInstruction;
import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandProviderInbound;
import io.axoniq.axonserver.grpc.command.CommandProviderOutbound;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.axoniq.axonserver.grpc.command.CommandSubscription;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.grpc.ErrorCode;
import io.sagashop.hub.platform.ClientDisconnected;
import io.sagashop.hub.routing.RecordingObserver;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CommandService at the wire: acks, refusals of malformed input (nothing changes), timeouts,
 * the newest stream of a client winning, and a client the platform gave up on.
 */
class CommandProtocolTest {

    private static TestHub hub;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        channel = NettyChannelBuilder.forAddress("localhost", hub.grpcPort()).usePlaintext().intercept(io.sagashop.hub.testing.TestHub.adminToken()).build();
        // Connect and warm up, so no test pays for the first call.
        CommandServiceGrpc.newBlockingStub(channel).dispatch(command("proto.WarmUp", "k"));
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

    /** A raw handler stream. */
    private static final class Handler {
        final RecordingObserver<CommandProviderInbound> inbound = new RecordingObserver<>();
        final StreamObserver<CommandProviderOutbound> outbound =
                CommandServiceGrpc.newStub(channel).openStream(inbound);

        void send(CommandProviderOutbound message) {
            synchronized (this) {
                outbound.onNext(message);
            }
        }

        CommandProviderInbound subscribe(String instructionId, String command, String clientId) throws InterruptedException {
            send(CommandProviderOutbound.newBuilder().setInstructionId(instructionId)
                    .setSubscribe(CommandSubscription.newBuilder().setMessageId(instructionId).setCommand(command)
                            .setClientId(clientId).setComponentName("raw")).build());
            return inbound.next(5);
        }

        void permits(int permits) {
            send(CommandProviderOutbound.newBuilder().setFlowControl(FlowControl.newBuilder().setPermits(permits)).build());
        }
    }

    private static Command command(String name, String routingKey, ProcessingInstruction... extra) {
        return Command.newBuilder()
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setName(name)
                .setPayload(SerializedObject.newBuilder().setType("bytes").setData(ByteString.copyFromUtf8("payload")))
                .addProcessingInstructions(ProcessingInstruction.newBuilder().setKey(ProcessingKey.ROUTING_KEY)
                        .setValue(MetaDataValue.newBuilder().setTextValue(routingKey)))
                .addAllProcessingInstructions(List.of(extra))
                .build();
    }

    private static CompletableFuture<CommandResponse> dispatch(Command command) {
        return CompletableFuture.supplyAsync(() -> CommandServiceGrpc.newBlockingStub(channel).dispatch(command));
    }

    private static List<String> handlersOf(String command) {
        return hub.bean(CommandRouter.class).commands("default").stream()
                .filter(c -> c.name().equals(command))
                .flatMap(c -> c.handlers().stream().map(CommandHandlerInfo::clientId)).toList();
    }

    @Test
    void acksSubscriptionsAndRefusesMalformedInstructionsWithoutChangingAnything() throws Exception {
        Handler handler = new Handler();

        CommandProviderInbound ack = handler.subscribe("i-1", "proto.Good", "raw-1");
        assertThat(ack.getAck().getInstructionId()).isEqualTo("i-1");
        assertThat(ack.getAck().getSuccess()).isTrue();

        CommandProviderInbound noName = handler.subscribe("i-2", "", "raw-1");
        assertThat(noName.getAck().getSuccess()).isFalse();
        assertThat(noName.getAck().getError().getErrorCode()).isEqualTo(ErrorCode.INSTRUCTION_EXECUTION_ERROR.code());

        CommandProviderInbound otherClient = handler.subscribe("i-3", "proto.Other", "somebody-else");
        assertThat(otherClient.getAck().getSuccess()).isFalse();

        handler.send(CommandProviderOutbound.newBuilder().setInstructionId("i-4").build());
        CommandProviderInbound unknown = handler.inbound.next(5);
        assertThat(unknown.getAck().getSuccess()).isFalse();
        assertThat(unknown.getAck().getError().getErrorCode()).isEqualTo("AXONIQ-1002");

        assertThat(handlersOf("proto.Good")).containsExactly("raw-1");
        assertThat(handlersOf("proto.Other")).isEmpty();
        handler.outbound.onCompleted();
        await().atMost(Duration.ofSeconds(5)).until(() -> handlersOf("proto.Good").isEmpty());
    }

    @Test
    void rejectsACommandWithoutNameAndAnOversizeOneAndKeepsServing() {
        assertThatThrownBy(() -> CommandServiceGrpc.newBlockingStub(channel).dispatch(Command.newBuilder()
                .setMessageIdentifier("no-name").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getTrailers().get(ErrorCode.TRAILER)).isEqualTo("AXONIQ-4003");
                });

        Command huge = command("proto.Huge", "k").toBuilder()
                .setPayload(SerializedObject.newBuilder().setType("bytes").setData(ByteString.copyFrom(new byte[5 * 1024 * 1024])))
                .build();
        assertThatThrownBy(() -> CommandServiceGrpc.newBlockingStub(channel).dispatch(huge))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));

        CommandResponse next = CommandServiceGrpc.newBlockingStub(channel).dispatch(command("proto.Nobody", "k"));
        assertThat(next.getErrorCode()).isEqualTo("AXONIQ-4000");
        assertThat(next.getErrorMessage().getMessage()).isEqualTo("No Handler for command: proto.Nobody");
    }

    @Test
    void passesTheHandlersResponseThroughUnchanged() throws Exception {
        Handler handler = new Handler();
        handler.subscribe("p-1", "proto.Echo", "raw-echo");
        handler.permits(10);
        Command sent = command("proto.Echo", "k-1");

        CompletableFuture<CommandResponse> response = dispatch(sent);
        Command received = handler.inbound.next(5).getCommand();
        assertThat(received).isEqualTo(sent);
        CommandResponse answer = CommandResponse.newBuilder()
                .setMessageIdentifier("r-1").setRequestIdentifier(sent.getMessageIdentifier())
                .setPayload(SerializedObject.newBuilder().setType("t").setRevision("2").setData(ByteString.copyFrom(new byte[]{0, 1, 2, (byte) 255})))
                .putMetaData("m", MetaDataValue.newBuilder().setNumberValue(7).build())
                .build();
        handler.send(CommandProviderOutbound.newBuilder().setCommandResponse(answer).build());

        assertThat(response.get()).isEqualTo(answer);
        handler.outbound.onCompleted();
    }

    @Test
    void answersACommandThatOutlivesItsTimeout() throws Exception {
        Handler handler = new Handler();
        handler.subscribe("t-1", "proto.Slow", "raw-slow");
        handler.permits(10);

        CompletableFuture<CommandResponse> response = dispatch(command("proto.Slow", "k",
                ProcessingInstruction.newBuilder().setKey(ProcessingKey.TIMEOUT)
                        .setValue(MetaDataValue.newBuilder().setNumberValue(300)).build()));
        handler.inbound.next(5); // received, never answered

        CommandResponse timedOut = response.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(timedOut.getErrorCode()).isEqualTo("AXONIQ-4003");
        assertThat(timedOut.getErrorMessage().getMessage()).contains("timed out after 300 ms");
        handler.outbound.onCompleted();
    }

    @Test
    void routesToTheNewestStreamOfAClient() throws Exception {
        Handler old = new Handler();
        old.subscribe("n-1", "proto.Moving", "raw-moving");
        old.permits(10);
        Handler newer = new Handler();
        newer.subscribe("n-2", "proto.Moving", "raw-moving");
        newer.permits(10);

        CompletableFuture<CommandResponse> first = dispatch(command("proto.Moving", "k"));
        Command received = newer.inbound.next(5).getCommand();
        assertThat(old.inbound.poll(200)).isNull();
        newer.send(CommandProviderOutbound.newBuilder().setCommandResponse(CommandResponse.newBuilder()
                .setRequestIdentifier(received.getMessageIdentifier())).build());
        assertThat(first.get().getErrorCode()).isEmpty();

        old.outbound.onCompleted();
        assertThat(old.inbound.ended().get()).isNull();
        assertThat(handlersOf("proto.Moving")).containsExactly("raw-moving");
        CompletableFuture<CommandResponse> second = dispatch(command("proto.Moving", "k"));
        assertThat(newer.inbound.next(5).getCommand().getName()).isEqualTo("proto.Moving");
        newer.outbound.onCompleted();
        assertThat(second.get().getErrorCode()).isEqualTo("AXONIQ-4003");
    }

    @Test
    void dropsAClientThePlatformGaveUpOnAndAnswersItsCommands() throws Exception {
        Handler handler = new Handler();
        handler.subscribe("d-1", "proto.Dropped", "raw-dropped");
        handler.permits(10);
        CompletableFuture<CommandResponse> inFlight = dispatch(command("proto.Dropped", "k"));
        handler.inbound.next(5);

        hub.context().publishEvent(new ClientDisconnected("default", "raw-dropped", "heartbeat missed"));

        CommandResponse answer = inFlight.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.getErrorCode()).isEqualTo("AXONIQ-4003");
        assertThat(answer.getErrorMessage().getMessage()).contains("raw-dropped");
        assertThat(Status.fromThrowable(handler.inbound.ended().get()).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(handlersOf("proto.Dropped")).isEmpty();
        assertThat(CommandServiceGrpc.newBlockingStub(channel).dispatch(command("proto.Dropped", "k")).getErrorCode())
                .isEqualTo("AXONIQ-4000");
    }
}
