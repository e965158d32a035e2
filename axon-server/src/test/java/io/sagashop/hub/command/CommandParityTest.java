package io.sagashop.hub.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.sagashop.hub.platform.ClientRegistry;
import io.sagashop.hub.testing.TestHub;
import java.nio.charset.StandardCharsets;
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
 * Where a client could tell the hub from Axon Server in command routing, seen through the
 * unmodified connector (the library Axon Framework 4.13 uses): a command a handler is executing
 * when its client disconnects in an orderly way still gets its result to the sender.
 */
class CommandParityTest {

    private static TestHub hub;
    private static AxonServerConnectionFactory senderFactory;
    private static AxonServerConnection sender;
    private final List<AxonServerConnectionFactory> handlers = new ArrayList<>();

    @BeforeAll
    static void start() {
        hub = TestHub.start();
        senderFactory = factory("parity-sender", "parity-command-sender-1");
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
    void deliversTheResultOfACommandWhoseHandlerDisconnectsWhileExecutingIt() throws Exception {
        String clientId = "drain-command-handler-" + UUID.randomUUID();
        AxonServerConnection handler = handlerConnection("drain-command-handler", clientId);
        CompletableFuture<Command> running = new CompletableFuture<>();
        CompletableFuture<CommandResponse> result = new CompletableFuture<>();
        handler.commandChannel().registerCommandHandler(command -> {
            running.complete(command);
            return result;
        }, 100, "parity.Drain").awaitAck(5, TimeUnit.SECONDS);

        CompletableFuture<CommandResponse> answer = sender.commandChannel().sendCommand(command("parity.Drain"));
        Command executing = running.get(10, TimeUnit.SECONDS);

        // The connector closes its control stream first, then waits for the running command before
        // it completes its command stream: exactly the moment results used to be lost.
        CompletableFuture<Void> disconnecting = CompletableFuture.runAsync(handler::disconnect);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> hub.bean(ClientRegistry.class).find("default", clientId).isEmpty());

        // Nothing new reaches the leaving client: a second command finds no handler at once.
        CommandResponse second = sender.commandChannel().sendCommand(command("parity.Drain")).get(10, TimeUnit.SECONDS);
        assertThat(second.getErrorCode()).isEqualTo("AXONIQ-4000");

        result.complete(CommandResponse.newBuilder().setMessageIdentifier(UUID.randomUUID().toString())
                .setRequestIdentifier(executing.getMessageIdentifier())
                .setPayload(payload("executed while leaving")).build());

        CommandResponse delivered = answer.get(10, TimeUnit.SECONDS);
        assertThat(delivered.getErrorCode()).as("the result sent after the control stream closed").isEmpty();
        assertThat(delivered.getPayload().getData().toStringUtf8()).isEqualTo("executed while leaving");
        disconnecting.get(20, TimeUnit.SECONDS);
    }

    private static Command command(String name) {
        return Command.newBuilder().setMessageIdentifier(UUID.randomUUID().toString()).setName(name)
                .setPayload(payload("do it")).build();
    }

    private static SerializedObject payload(String text) {
        return SerializedObject.newBuilder().setType("text").setData(ByteString.copyFrom(text, StandardCharsets.UTF_8)).build();
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
}
