package io.sagashop.hub.platform;

import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.Heartbeat;
import io.axoniq.axonserver.grpc.control.PlatformInboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A hand-driven client of the hub's PlatformService on the generated stubs: it sends exactly
 * what a test tells it to and records everything the hub sends, so a test can play a client
 * that misbehaves (goes silent, refuses, never answers) as the real connector never would.
 */
public final class RawClient implements AutoCloseable {

    private final ManagedChannel channel;
    private final PlatformServiceGrpc.PlatformServiceStub stub;
    private final PlatformServiceGrpc.PlatformServiceBlockingStub blocking;
    private final BlockingQueue<PlatformOutboundInstruction> received = new LinkedBlockingQueue<>();
    private final List<PlatformOutboundInstruction> history = new CopyOnWriteArrayList<>();
    /** Completes with null when the hub completes the stream, with the error when it fails it. */
    private final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    private volatile boolean answerHeartbeats;
    private StreamObserver<PlatformInboundInstruction> outbound;

    private RawClient(int port, String context, String token) {
        Metadata headers = new Metadata();
        if (context != null) {
            headers.put(Metadata.Key.of("AxonIQ-Context", Metadata.ASCII_STRING_MARSHALLER), context);
        }
        if (token != null) {
            headers.put(Metadata.Key.of("AxonIQ-Access-Token", Metadata.ASCII_STRING_MARSHALLER), token);
        }
        this.channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext()
                .intercept(MetadataUtils.newAttachHeadersInterceptor(headers)).build();
        this.stub = PlatformServiceGrpc.newStub(channel);
        this.blocking = PlatformServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** A client with the test hub's admin token. */
    public static RawClient connect(int port) {
        return new RawClient(port, null, io.sagashop.hub.testing.TestHub.ADMIN_TOKEN);
    }

    public static RawClient connect(int port, String context, String token) {
        return new RawClient(port, context, token);
    }

    public PlatformServiceGrpc.PlatformServiceBlockingStub blocking() {
        return blocking;
    }

    /** Opens the control stream. */
    public RawClient open() {
        outbound = stub.openStream(new StreamObserver<>() {
            @Override
            public void onNext(PlatformOutboundInstruction instruction) {
                if (answerHeartbeats && instruction.hasHeartbeat()) {
                    // As the connector does: answer with a heartbeat of our own, without an id.
                    send(PlatformInboundInstruction.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build());
                }
                history.add(instruction);
                received.add(instruction);
            }

            @Override
            public void onError(Throwable t) {
                closed.complete(t);
            }

            @Override
            public void onCompleted() {
                closed.complete(null);
            }
        });
        return this;
    }

    /** Opens the control stream and registers as {@code clientId} of {@code component} (no instruction id, as the connector does). */
    public RawClient register(String component, String clientId) {
        open();
        send(PlatformInboundInstruction.newBuilder().setRegister(ClientIdentification.newBuilder()
                .setClientId(clientId).setComponentName(component).setVersion("raw-test")).build());
        return this;
    }

    public synchronized void send(PlatformInboundInstruction instruction) {
        outbound.onNext(instruction);
    }

    /** Sends a heartbeat with a fresh instruction id and returns that id. */
    public String heartbeat() {
        String id = UUID.randomUUID().toString();
        send(PlatformInboundInstruction.newBuilder().setInstructionId(id)
                .setHeartbeat(Heartbeat.getDefaultInstance()).build());
        return id;
    }

    public void answerHeartbeats(boolean answer) {
        this.answerHeartbeats = answer;
    }

    /** The next message from the hub that matches, skipping others; fails after {@code timeout}. */
    public PlatformOutboundInstruction next(Predicate<PlatformOutboundInstruction> matching, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            PlatformOutboundInstruction instruction = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (instruction == null) {
                throw new AssertionError("Nothing matching arrived from the hub within " + timeout);
            }
            if (matching.test(instruction)) {
                return instruction;
            }
        }
    }

    /** Everything the hub sent so far, whether a test consumed it with {@link #next} or not. */
    public List<PlatformOutboundInstruction> history() {
        return history;
    }

    public CompletableFuture<Throwable> closed() {
        return closed;
    }

    /** Ends the control stream as a well-behaved client does. */
    public void complete() {
        outbound.onCompleted();
    }

    /** Vanishes as a killed process does: the connection just goes. */
    public void kill() {
        channel.shutdownNow();
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
