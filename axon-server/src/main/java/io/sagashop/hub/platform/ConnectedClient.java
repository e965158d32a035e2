package io.sagashop.hub.platform;

import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.InstructionResult;
import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.EventProcessorInfo;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.grpc.Status;
import io.sagashop.hub.grpc.SerializedStreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client instance connected through its control stream. Identity is (context, client id);
 * the newest control stream of an id replaces an older one.
 */
public final class ConnectedClient {

    private final String context;
    private final ClientIdentification identification;
    private final SerializedStreamObserver<PlatformOutboundInstruction> stream;
    private final Instant connectedAt = Instant.now();
    private final long connectedAtNanos = System.nanoTime();
    private final Map<String, EventProcessorInfo> processors = new ConcurrentHashMap<>();
    private final PendingInstructions pending;
    private volatile long lastHeardNanos = connectedAtNanos;
    private volatile boolean sendsHeartbeats;
    private volatile boolean topologySubscriber;
    private volatile String host = "";

    ConnectedClient(String context, ClientIdentification identification,
                    SerializedStreamObserver<PlatformOutboundInstruction> stream) {
        this.context = context;
        this.identification = identification;
        this.stream = stream;
        this.pending = new PendingInstructions(identification.getClientId());
    }

    public String context() {
        return context;
    }

    public String clientId() {
        return identification.getClientId();
    }

    public String componentName() {
        return identification.getComponentName();
    }

    public String version() {
        return identification.getVersion();
    }

    public Map<String, String> tags() {
        return identification.getTagsMap();
    }

    /** The address the instance's control stream came from, empty when unknown. */
    public String host() {
        return host;
    }

    public void host(String address) {
        this.host = address == null ? "" : address;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    /** The latest processor info per processor name the instance reported. */
    public Map<String, EventProcessorInfo> processors() {
        return Map.copyOf(processors);
    }

    /** Whether the instance sends heartbeats, so that the hub heartbeats it and drops it when it falls silent. */
    public boolean sendsHeartbeats() {
        return sendsHeartbeats;
    }

    /** Whether the instance asked for topology changes (the hub acknowledges but sends none yet). */
    public boolean topologySubscriber() {
        return topologySubscriber;
    }

    /** Any message on the control stream shows the instance is alive. */
    public void heardFrom() {
        lastHeardNanos = System.nanoTime();
    }

    public void heartbeatReceived() {
        heardFrom();
        sendsHeartbeats = true;
    }

    public void processorInfo(EventProcessorInfo info) {
        processors.put(info.getProcessorName(), info);
    }

    public void topologyChanges(boolean subscribed) {
        topologySubscriber = subscribed;
    }

    public void instructionAcknowledged(InstructionAck ack) {
        pending.acknowledged(ack);
    }

    public void instructionResult(InstructionResult result) {
        pending.result(result);
    }

    /** Sends a message over the instance's control stream without waiting for any answer. */
    public void send(PlatformOutboundInstruction instruction) {
        stream.onNext(instruction);
    }

    /**
     * Sends an instruction with a fresh instruction id and tracks the client's acknowledgement and
     * result; the outcome is {@code TIMED_OUT} when no result arrives within {@code timeout}.
     */
    CompletableFuture<InstructionOutcome> instruct(PlatformOutboundInstruction.Builder instruction, String description,
                                                   Duration timeout) {
        PlatformOutboundInstruction message = instruction.setInstructionId(UUID.randomUUID().toString()).build();
        if (stream.isClosed()) {
            return CompletableFuture.completedFuture(new InstructionOutcome(clientId(), description,
                    InstructionOutcome.Status.DISCONNECTED, false, "", "The client's control stream is closed"));
        }
        return pending.send(message, description, timeout, stream::onNext);
    }

    Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastHeardNanos);
    }

    Duration connectedFor() {
        return Duration.ofNanos(System.nanoTime() - connectedAtNanos);
    }

    boolean streamIs(SerializedStreamObserver<PlatformOutboundInstruction> other) {
        return stream == other;
    }

    /** Ends the control stream (normally, or with {@code error}) and gives up on open instructions. */
    void close(Status error, String reason) {
        pending.abandon(reason);
        if (error == null) {
            stream.onCompleted();
        } else {
            stream.onError(error.withDescription(reason).asRuntimeException());
        }
    }
}
