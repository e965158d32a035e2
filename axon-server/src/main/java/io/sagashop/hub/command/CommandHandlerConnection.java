package io.sagashop.hub.command;

import io.axoniq.axonserver.grpc.FlowControl;
import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.command.CommandProviderInbound;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.command.CommandSubscription;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.routing.ProviderOutbox;
import io.sagashop.hub.routing.StreamClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's command provider stream: the commands it subscribed to, the permits it granted,
 * commands waiting for permits and commands sent and not yet answered.
 */
final class CommandHandlerConnection extends ProviderOutbox<CommandProviderInbound, PendingCommand>
        implements CommandProviderStream {

    private static final Logger log = LoggerFactory.getLogger(CommandHandlerConnection.class);

    private final CommandRouter router;
    final CommandContext context;
    /** The command names this stream is the ring member for (its client id's current stream). */
    final Set<String> names = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, PendingCommand> inFlight = new ConcurrentHashMap<>();
    private final StreamClient client = new StreamClient();
    /** The client left in an orderly way: out of routing, open only for results (see {@link #drain}). */
    private volatile boolean draining;

    CommandHandlerConnection(CommandRouter router, CommandContext context, StreamObserver<CommandProviderInbound> stream,
                             int capacity) {
        super(stream, capacity);
        this.router = router;
        this.context = context;
    }

    String clientId() {
        return client.clientId();
    }

    String componentName() {
        return client.componentName();
    }

    int inFlightCount() {
        return inFlight.size();
    }

    @Override
    public String subscribe(CommandSubscription subscription) {
        String command = subscription.getCommand();
        if (command.isEmpty()) {
            return "Subscription without a command name";
        }
        String refused = client.identify(subscription.getClientId(), subscription.getComponentName());
        if (refused != null) {
            return refused;
        }
        if (isClosed()) {
            return "The command stream is closed";
        }
        if (draining) {
            return "Client " + clientId() + " closed its control stream: this command stream only finishes its running commands";
        }
        CommandHandlerConnection replaced = context.subscribe(this, command, clientId(),
                subscription.getComponentName(), subscription.getLoadFactor());
        if (replaced != null) {
            log.info("Client {} subscribed {} on a new command stream; the older stream no longer gets it", clientId(), command);
            replaced.rescan();
        }
        if (isClosed()) {
            // Closed while subscribing: make sure the member we just added goes again.
            context.detach(this);
        } else if (draining) {
            context.unroute(this); // it raced with the drain: take it out again
        }
        log.debug("Client {} handles command {} in context {} (load factor {})", clientId(), command, context.name,
                subscription.getLoadFactor());
        return null;
    }

    @Override
    public String unsubscribe(CommandSubscription subscription) {
        String command = subscription.getCommand();
        if (command.isEmpty()) {
            return "Unsubscription without a command name";
        }
        String refused = client.checkUnsubscriber(subscription.getClientId());
        if (refused != null) {
            return refused;
        }
        if (context.unsubscribe(this, command)) {
            // Commands of that name queued for this stream go to the remaining handlers.
            rescan();
        }
        return null;
    }

    @Override
    public void flowControl(FlowControl flowControl) {
        client.identifyFromFlowControl(flowControl.getClientId());
        grant(flowControl.getPermits());
    }

    @Override
    public void response(CommandResponse response) {
        String requestId = response.getRequestIdentifier();
        PendingCommand pending = requestId.isEmpty() ? null : inFlight.remove(requestId);
        if (pending != null) {
            pending.finish(response);
        } else {
            log.debug("Response from {} for unknown or expired command {}", clientId(), requestId);
        }
    }

    @Override
    public void acknowledge(InstructionAck ack) {
        send(CommandProviderInbound.newBuilder().setAck(ack).build());
    }

    @Override
    public void closed(Throwable cause) {
        close(null);
    }

    @Override
    public void refuse(Throwable error) {
        close(error);
    }

    /**
     * Takes this stream out of routing (no new commands reach it; the ones waiting for its permits
     * go to the remaining handlers) but keeps it open, so the results of the commands it is
     * executing still reach their senders. It closes when the client completes it, or when the
     * router's grace period is over.
     */
    void drain() {
        draining = true;
        context.unroute(this);
        rescan();
    }

    /** The command could not be sent here (stream closed or no longer subscribed): route it again. */
    @Override
    protected void orphaned(PendingCommand command) {
        if (!command.isDone()) {
            router.route(command);
        }
    }

    @Override
    protected void dequeued(PendingCommand command) {
        router.dequeued(command);
    }

    @Override
    protected boolean isStale(PendingCommand command) {
        return command.isDone() || !names.contains(command.name());
    }

    @Override
    protected boolean deliver(PendingCommand command) {
        if (!names.contains(command.name())) {
            // Unsubscribed (or resubscribed on a newer stream) since it was queued.
            orphaned(command);
            return false;
        }
        if (!command.markSent()) {
            return false;
        }
        if (inFlight.putIfAbsent(command.id(), command) != null) {
            command.finish(router.dispatchError(command.command,
                    "A command with identifier " + command.id() + " is already being executed"));
            return false;
        }
        write(command.message());
        return true;
    }

    @Override
    protected void teardown() {
        context.detach(this);
        for (PendingCommand command : inFlight.values()) {
            if (inFlight.remove(command.id(), command)) {
                command.finish(router.dispatchError(command.command, "Connection to handler " + clientId()
                        + " was lost while it executed command " + command.name()));
            }
        }
        log.debug("Command stream of {} in context {} closed", clientId(), context.name);
    }

    /** Answers commands that outlived their timeout, waiting or running. */
    void expire(long now) {
        for (PendingCommand command : inFlight.values()) {
            if (command.isExpired(now) && inFlight.remove(command.id(), command)) {
                command.finish(router.timeoutError(command, clientId()));
            }
        }
        boolean[] expired = {false};
        forEachWaiting(command -> {
            if (command.isExpired(now) && command.finish(router.timeoutError(command, null))) {
                expired[0] = true;
            }
        });
        if (expired[0]) {
            // Take the answered commands out of the queue: they would hold its capacity and memory.
            rescan();
        }
    }

}
