package io.sagashop.hub.grpc;

import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.NodeInfo;
import io.axoniq.axonserver.grpc.control.PlatformInboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformInfo;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.access.ClientOwnership;
import io.sagashop.hub.config.GrpcServer;
import io.sagashop.hub.config.HubProperties;
import io.sagashop.hub.config.ServerIdentity;
import io.sagashop.hub.platform.ClientRegistry;
import io.sagashop.hub.platform.ConnectedClient;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * PlatformService: where clients learn whom to talk to and open their control stream. A control
 * stream registers a client id for the caller's application; while it is connected, no other
 * application can register under that id ({@link ClientOwnership}).
 */
@Component
public class PlatformGrpcService extends PlatformServiceGrpc.PlatformServiceImplBase {

    private final HubProperties properties;
    private final ClientRegistry registry;
    private final ApplicationContext applicationContext;
    // The server is built from the list of services, this one included: look it up when asked.
    private final ObjectProvider<GrpcServer> grpcServer;
    private final ClientOwnership ownership;

    public PlatformGrpcService(HubProperties properties, ClientRegistry registry, ApplicationContext applicationContext,
                               ObjectProvider<GrpcServer> grpcServer, ClientOwnership ownership) {
        this.properties = properties;
        this.ownership = ownership;
        this.registry = registry;
        this.applicationContext = applicationContext;
        this.grpcServer = grpcServer;
    }

    @Override
    public void getPlatformServer(ClientIdentification request, StreamObserver<PlatformInfo> responseObserver) {
        // same_connection: the client keeps the channel it dialled (proxies, other host names).
        responseObserver.onNext(PlatformInfo.newBuilder()
                .setPrimary(NodeInfo.newBuilder()
                        .setNodeName(properties.nodeName())
                        .setHostName(properties.hostName())
                        .setGrpcPort(grpcPort())
                        .setHttpPort(httpPort())
                        .setVersion(ServerIdentity.AXON_SERVER_API_VERSION))
                .setSameConnection(true)
                .build());
        responseObserver.onCompleted();
    }

    @Override
    public StreamObserver<PlatformInboundInstruction> openStream(StreamObserver<PlatformOutboundInstruction> responseObserver) {
        String context = CallContext.current();
        String host = CallContext.remoteHost();
        StreamOwner owner = new StreamOwner(ownership, Caller.current(), responseObserver);
        SerializedStreamObserver<PlatformOutboundInstruction> outbound = new SerializedStreamObserver<>(responseObserver);
        return new StreamObserver<>() {
            private volatile ConnectedClient client;

            @Override
            public void onNext(PlatformInboundInstruction instruction) {
                ConnectedClient current = client;
                if (current != null) {
                    current.heardFrom();
                }
                switch (instruction.getRequestCase()) {
                    case REGISTER -> {
                        String refusal = owner.bindOnce(instruction.getRegister().getClientId());
                        if (refusal != null) {
                            org.slf4j.LoggerFactory.getLogger(PlatformGrpcService.class)
                                    .warn("Refused a client registration: {}", refusal);
                            outbound.onError(ErrorCode.AUTHENTICATION_INVALID_TOKEN.asException(
                                    Status.PERMISSION_DENIED, refusal));
                            return;
                        }
                        client = registry.register(context, instruction.getRegister(), outbound);
                        client.host(host);
                    }
                    case HEARTBEAT -> ifRegistered(current, ConnectedClient::heartbeatReceived);
                    case EVENT_PROCESSOR_INFO ->
                            ifRegistered(current, c -> c.processorInfo(instruction.getEventProcessorInfo()));
                    case ACK -> ifRegistered(current, c -> c.instructionAcknowledged(instruction.getAck()));
                    case RESULT -> ifRegistered(current, c -> c.instructionResult(instruction.getResult()));
                    case SUBSCRIBE_TOPOLOGY_CHANGES -> ifRegistered(current, c -> c.topologyChanges(true));
                    case UNSUBSCRIBE_TOPOLOGY_CHANGES -> ifRegistered(current, c -> c.topologyChanges(false));
                    default -> {
                        // Not set, or a kind newer than our protocol version: refuse it the way the client expects.
                        Acks.unsupported(instruction.getInstructionId(), describe(instruction), this::send);
                        return;
                    }
                }
                Acks.reply(instruction.getInstructionId(), null, this::send);
            }

            private void ifRegistered(ConnectedClient current, Consumer<ConnectedClient> action) {
                // Before its registration a stream belongs to nobody; the ack still goes out.
                if (current != null) {
                    action.accept(current);
                }
            }

            private void send(InstructionAck ack) {
                outbound.onNext(PlatformOutboundInstruction.newBuilder().setAck(ack).build());
            }

            @Override
            public void onError(Throwable t) {
                gone("control stream broke: " + Status.fromThrowable(t).getCode(), false);
            }

            @Override
            public void onCompleted() {
                gone("control stream closed by the client", true);
            }

            private void gone(String reason, boolean orderly) {
                owner.release();
                ConnectedClient current = client;
                if (current != null) {
                    registry.disconnected(current, reason, orderly);
                } else {
                    outbound.onCompleted();
                }
            }
        };
    }

    private static String describe(PlatformInboundInstruction instruction) {
        if (instruction.getRequestCase() == PlatformInboundInstruction.RequestCase.REQUEST_NOT_SET
                && !instruction.getUnknownFields().asMap().isEmpty()) {
            return "field " + instruction.getUnknownFields().asMap().keySet() + " is unknown to this hub";
        }
        return instruction.getRequestCase().toString();
    }

    private int grpcPort() {
        GrpcServer server = grpcServer.getIfAvailable();
        return server != null && server.isRunning() ? server.port() : properties.grpc().port();
    }

    private int httpPort() {
        if (applicationContext instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            return web.getWebServer().getPort();
        }
        return 0;
    }
}
