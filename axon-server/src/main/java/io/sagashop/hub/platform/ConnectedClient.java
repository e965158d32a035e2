package io.sagashop.hub.platform;

import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.EventProcessorInfo;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.sagashop.hub.grpc.SerializedStreamObserver;
import java.time.Instant;
import java.util.Map;
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
    private final Map<String, EventProcessorInfo> processors = new ConcurrentHashMap<>();
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean sendsHeartbeats;

    ConnectedClient(String context, ClientIdentification identification,
                    SerializedStreamObserver<PlatformOutboundInstruction> stream) {
        this.context = context;
        this.identification = identification;
        this.stream = stream;
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

    public Instant connectedAt() {
        return connectedAt;
    }

    /** The latest processor info per processor name the instance reported. */
    public Map<String, EventProcessorInfo> processors() {
        return Map.copyOf(processors);
    }

    void processorInfo(EventProcessorInfo info) {
        processors.put(info.getProcessorName(), info);
    }

    public void heardFrom(boolean heartbeat) {
        lastHeard = System.nanoTime();
        if (heartbeat) {
            sendsHeartbeats = true;
        }
    }

    long lastHeardNanos() {
        return lastHeard;
    }

    boolean sendsHeartbeats() {
        return sendsHeartbeats;
    }

    SerializedStreamObserver<PlatformOutboundInstruction> stream() {
        return stream;
    }

    /** Sends an instruction over the instance's control stream. */
    public void send(PlatformOutboundInstruction instruction) {
        stream.onNext(instruction);
    }
}
