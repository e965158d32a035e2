package io.sagashop.hub.platform;

import io.axoniq.axonserver.grpc.control.Heartbeat;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.grpc.Status;
import io.sagashop.hub.config.HubProperties;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The hub's side of heartbeats, as Axon Server does it: only to instances that heartbeat
 * themselves, every {@code hub.heartbeat.interval} from {@code initialDelay} after they
 * connected; an instance silent for longer than {@code timeout} is dropped. The connector
 * answers each of our heartbeats with one of its own, and counts ours as proof that the link
 * works, so a client with heartbeats on notices a dead hub within seconds.
 */
@Component
class ClientHeartbeats implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClientHeartbeats.class);
    // No instruction id: the connector then answers with a heartbeat and sends no ack or result.
    private static final PlatformOutboundInstruction HEARTBEAT =
            PlatformOutboundInstruction.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build();

    private final ClientRegistry registry;
    private final HubProperties.Heartbeat settings;
    private volatile ScheduledExecutorService scheduler;

    ClientHeartbeats(ClientRegistry registry, HubProperties properties) {
        this.registry = registry;
        this.settings = properties.heartbeat();
    }

    void beat() {
        for (ConnectedClient client : registry.all()) {
            if (!client.sendsHeartbeats()) {
                continue;
            }
            try {
                Duration heartbeating = client.connectedFor().minus(settings.initialDelay());
                if (heartbeating.isNegative()) {
                    continue;
                }
                // Silence counts from when we started heartbeating at the latest: a client that
                // heartbeats less often than our timeout (the connector's default is every 10 s)
                // stays alive by answering ours, and must get the chance to.
                Duration silence = min(client.silence(), heartbeating);
                if (silence.compareTo(settings.timeout()) > 0) {
                    registry.drop(client, Status.UNAVAILABLE,
                            "no heartbeat or other message for " + silence.toMillis() + " ms");
                } else {
                    client.send(HEARTBEAT);
                }
            } catch (RuntimeException e) {
                log.warn("Heartbeat round for client {} failed", client.clientId(), e);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hub-heartbeats");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
