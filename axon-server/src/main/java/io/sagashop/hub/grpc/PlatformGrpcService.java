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
import io.sagashop.hub.config.HubProperties;
import io.sagashop.hub.platform.ClientRegistry;
import io.sagashop.hub.platform.ConnectedClient;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/** PlatformService: where clients learn whom to talk to and open their control stream. */
@Component
public class PlatformGrpcService extends PlatformServiceGrpc.PlatformServiceImplBase {

    /** Reported as the server version; the connector only displays it. */
    static final int VERSION = 2023_2;

    private final HubProperties properties;
    private final ClientRegistry registry;
    private final ApplicationContext applicationContext;

    public PlatformGrpcService(HubProperties properties, ClientRegistry registry, ApplicationContext applicationContext) {
        this.properties = properties;
        this.registry = registry;
        this.applicationContext = applicationContext;
    }

    @Override
    public void getPlatformServer(ClientIdentification request, StreamObserver<PlatformInfo> responseObserver) {
        // same_connection: the client keeps the channel it dialled (proxies, other host names).
        responseObserver.onNext(PlatformInfo.newBuilder()
                .setPrimary(NodeInfo.newBuilder()
                        .setNodeName(properties.nodeName())
                        .setHostName(properties.hostName())
                        .setGrpcPort(properties.grpc().port())
                        .setHttpPort(httpPort())
                        .setVersion(VERSION))
                .setSameConnection(true)
                .build());
        responseObserver.onCompleted();
    }

    @Override
    public StreamObserver<PlatformInboundInstruction> openStream(StreamObserver<PlatformOutboundInstruction> responseObserver) {
        String context = CallContext.current();
        SerializedStreamObserver<PlatformOutboundInstruction> outbound = new SerializedStreamObserver<>(responseObserver);
        return new StreamObserver<>() {
            private volatile ConnectedClient client;

            @Override
            public void onNext(PlatformInboundInstruction instruction) {
                String id = instruction.getInstructionId();
                switch (instruction.getRequestCase()) {
                    case REGISTER -> {
                        client = registry.register(context, instruction.getRegister(), outbound);
                        ack(id);
                    }
                    case HEARTBEAT -> {
                        if (client != null) {
                            client.heardFrom(true);
                        }
                        ack(id);
                    }
                    case EVENT_PROCESSOR_INFO -> {
                        if (client != null) {
                            registry.processorInfo(client, instruction.getEventProcessorInfo());
                        }
                        ack(id);
                    }
                    case ACK, RESULT -> {
                        // Answers to our own instructions; nothing else to do for now.
                    }
                    default -> {
                        if (Acks.wanted(id)) {
                            send(Acks.failure(id, ErrorCode.UNSUPPORTED_INSTRUCTION,
                                    "Unsupported instruction: " + instruction.getRequestCase()));
                        }
                    }
                }
            }

            private void ack(String id) {
                if (Acks.wanted(id)) {
                    send(Acks.success(id));
                }
            }

            private void send(InstructionAck ack) {
                outbound.onNext(PlatformOutboundInstruction.newBuilder().setAck(ack).build());
            }

            @Override
            public void onError(Throwable t) {
                gone("control stream broke: " + Status.fromThrowable(t).getCode());
            }

            @Override
            public void onCompleted() {
                gone("control stream closed by the client");
            }

            private void gone(String reason) {
                if (client != null) {
                    registry.disconnected(client, reason);
                }
                outbound.onCompleted();
            }
        };
    }

    private int httpPort() {
        if (applicationContext instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            return web.getWebServer().getPort();
        }
        return 0;
    }
}
