package io.sagashop.hub.platform;

import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.EventProcessorInfo;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
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

    /** Registers an instance; a newer control stream for the same id replaces the older one. */
    public ConnectedClient register(String context, ClientIdentification identification,
                                    SerializedStreamObserver<PlatformOutboundInstruction> stream) {
        ConnectedClient client = new ConnectedClient(context, identification, stream);
        ConnectedClient previous = clients.put(key(context, identification.getClientId()), client);
        if (previous != null && previous.stream() != stream) {
            previous.stream().onCompleted();
        }
        log.info("Client {} ({}) connected to context {}", identification.getClientId(),
                identification.getComponentName(), context);
        return client;
    }

    /**
     * Forgets the instance behind {@code stream} if that stream is still its current one, and
     * tells routing to drop its subscriptions. A stale stream closing changes nothing.
     */
    public void disconnected(ConnectedClient client, String reason) {
        if (clients.remove(key(client.context(), client.clientId()), client)) {
            client.stream().onCompleted();
            log.info("Client {} left context {}: {}", client.clientId(), client.context(), reason);
            events.publishEvent(new ClientDisconnected(client.context(), client.clientId(), reason));
        }
    }

    public void processorInfo(ConnectedClient client, EventProcessorInfo info) {
        client.processorInfo(info);
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
