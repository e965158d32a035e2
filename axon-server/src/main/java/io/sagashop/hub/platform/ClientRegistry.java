package io.sagashop.hub.platform;

import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.axoniq.axonserver.grpc.control.RequestReconnect;
import io.grpc.Status;
import io.sagashop.hub.grpc.SerializedStreamObserver;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** The client instances connected to the hub, keyed by context and client id. */
@Component
public class ClientRegistry {

    private static final Logger log = LoggerFactory.getLogger(ClientRegistry.class);

    private final Map<String, ConnectedClient> clients = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;

    public ClientRegistry(ApplicationEventPublisher events) {
        this.events = events;
    }

    /**
     * Registers an instance; a newer control stream for the same id replaces the older one, which
     * is closed without announcing a disconnect (the instance is still there).
     */
    public ConnectedClient register(String context, ClientIdentification identification,
                                    SerializedStreamObserver<PlatformOutboundInstruction> stream) {
        ConnectedClient client = new ConnectedClient(context, identification, stream);
        ConnectedClient previous = clients.put(key(context, identification.getClientId()), client);
        if (previous != null && !previous.streamIs(stream)) {
            previous.close(null, "replaced by a newer connection of the same client");
        }
        log.info("Client {} ({}) connected to context {}", identification.getClientId(),
                identification.getComponentName(), context);
        return client;
    }

    /**
     * The instance's control stream ended ({@code orderly}: the client completed it). Forgets the
     * instance if that stream is still its current one and tells routing to stop routing to it; a
     * stale stream closing changes nothing.
     */
    public void disconnected(ConnectedClient client, String reason, boolean orderly) {
        remove(client, null, reason, orderly);
    }

    /** The hub gives up on an instance (it stopped heartbeating): closes its control stream with {@code status}. */
    void drop(ConnectedClient client, Status status, String reason) {
        remove(client, status, reason, false);
    }

    private void remove(ConnectedClient client, Status status, String reason, boolean orderly) {
        client.close(status, reason);
        if (clients.remove(key(client.context(), client.clientId()), client)) {
            log.info("Client {} left context {}: {}", client.clientId(), client.context(), reason);
            events.publishEvent(new ClientDisconnected(client.context(), client.clientId(), reason, orderly));
        }
    }

    /**
     * Asks an instance to reconnect (the connector closes its channel and connects again, usually
     * within a second). Returns false when no such instance is connected.
     */
    public boolean requestReconnect(String context, String clientId) {
        Optional<ConnectedClient> client = find(context, clientId);
        client.ifPresent(c -> {
            log.info("Asking client {} in context {} to reconnect", clientId, context);
            c.send(PlatformOutboundInstruction.newBuilder()
                    .setRequestReconnect(RequestReconnect.getDefaultInstance()).build());
            events.publishEvent(new ReconnectRequested(context, clientId));
        });
        return client.isPresent();
    }

    public Optional<ConnectedClient> find(String context, String clientId) {
        return Optional.ofNullable(clients.get(key(context, clientId)));
    }

    public List<ConnectedClient> inContext(String context) {
        return clients.values().stream().filter(c -> c.context().equals(context)).toList();
    }

    public Collection<ConnectedClient> all() {
        return List.copyOf(clients.values());
    }

    private static String key(String context, String clientId) {
        return context + '/' + clientId;
    }
}
