package io.sagashop.hub.command;

import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandProviderInbound;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.grpc.ErrorCode;
import io.sagashop.hub.platform.ClientDisconnected;
import io.sagashop.hub.routing.ProcessingInstructions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Routes commands to the client instances that subscribed to them.
 * <p>
 * A command goes to one instance of those subscribed to its name, chosen by consistent hashing
 * of its routing key ({@link HashRing}): the same aggregate keeps going to the same instance
 * while membership is unchanged, and moves only when its instance leaves. An instance gets no
 * more commands than the permits it granted; the rest wait in its queue, never dropped. Every
 * command is answered exactly once: by its handler, or by the hub with {@code AXONIQ-4000} (no
 * handler), {@code AXONIQ-4003} (handler lost mid-flight, timed out, or too many commands already
 * waiting for its handler: {@code hub.command.queue-capacity-per-client}).
 */
@Component
public class CommandRouter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);

    private final CommandRoutingProperties properties;
    private final ConcurrentHashMap<String, CommandContext> contexts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final CommandObserver observer;
    /** Serialized bytes of commands waiting in handler queues, against hub.command.max-queued-size. */
    private final AtomicLong queuedBytes = new AtomicLong();

    public CommandRouter(CommandRoutingProperties properties, ObjectProvider<CommandObserver> observers) {
        this.properties = properties;
        List<CommandObserver> all = observers.orderedStream().toList();
        this.observer = all.isEmpty() ? null : all.size() == 1 ? all.get(0) : c -> all.forEach(o -> o.routed(c));
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hub-command-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(1, properties.timeoutCheckInterval().toMillis());
        timer.scheduleWithFixedDelay(this::expire, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** A client opened its command provider stream in {@code context}. */
    public CommandProviderStream openProviderStream(String context, StreamObserver<CommandProviderInbound> outbound) {
        CommandContext commandContext = context(context);
        CommandHandlerConnection connection = new CommandHandlerConnection(this, commandContext, outbound,
                properties.queueCapacityPerClient());
        commandContext.connections.add(connection);
        return connection;
    }

    /** Routes a command and answers {@code caller} once, whatever happens. */
    public void dispatch(String context, Command command, StreamObserver<CommandResponse> caller) {
        String name = command.getName();
        if (name.isEmpty() || command.getMessageIdentifier().isEmpty()) {
            caller.onError(ErrorCode.COMMAND_DISPATCH_ERROR.asException(Status.INVALID_ARGUMENT,
                    "A command needs a name and a message identifier"));
            return;
        }
        CommandContext commandContext = context(context);
        CommandStats stats = commandContext.stats(name);
        stats.dispatched.increment();
        long timeout = ProcessingInstructions.number(command.getProcessingInstructionsList(), ProcessingKey.TIMEOUT, 0);
        if (timeout <= 0) {
            timeout = properties.defaultTimeout().toMillis();
        }
        route(new PendingCommand(commandContext, command, caller, stats, timeout, observer));
    }

    /** Sends the command to the ring owner of its routing key, or answers "no handler". */
    void route(PendingCommand command) {
        CommandContext.Handlers handlers = command.context.handlers(command.name());
        CommandContext.Member member = handlers == null ? null : handlers.ring().select(command.routingKey);
        if (member == null) {
            command.finish(error(command.command, ErrorCode.NO_HANDLER_FOR_COMMAND,
                    "No Handler for command: " + command.name()));
            return;
        }
        command.target = member;
        long size = command.size();
        long max = properties.maxQueuedSize().toBytes();
        if (queuedBytes.addAndGet(size) > max) {
            queuedBytes.addAndGet(-size);
            command.finish(error(command.command, ErrorCode.COMMAND_DISPATCH_ERROR, "Command " + command.name()
                    + " refused: commands of " + (queuedBytes.get() >> 20) + " MB already wait for handlers, the limit"
                    + " is " + (max >> 20) + " MB (hub.command.max-queued-size)"));
            return;
        }
        if (!member.connection().offer(command)) {
            queuedBytes.addAndGet(-size);
            command.finish(error(command.command, ErrorCode.COMMAND_DISPATCH_ERROR, "Command " + command.name()
                    + " refused: " + member.connection().capacity() + " commands already wait for handler "
                    + member.clientId() + " to take them (hub.command.queue-capacity-per-client)"));
        }
    }

    /** A command left a handler's queue (sent, routed elsewhere, or dropped after it was answered). */
    void dequeued(PendingCommand command) {
        queuedBytes.addAndGet(-command.size());
    }

    /** Bytes of commands waiting in handler queues (tests, metrics). */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /**
     * Stops routing to a client instance that left. After an orderly leave (the client completed
     * its control stream) its command streams only <em>drain</em>: they get no new commands, but
     * the results of the commands they execute still reach their senders, because the connector
     * completes its command stream only after those are answered; {@code hub.command.disconnect-grace}
     * bounds the wait. Otherwise (a broken stream, silence) they are closed at once: closing the
     * stream (rather than only forgetting its subscriptions) makes a client that is in fact alive
     * reconnect and subscribe again, so hub and client cannot disagree.
     */
    @EventListener
    public void on(ClientDisconnected event) {
        CommandContext commandContext = contexts.get(event.context());
        if (commandContext == null) {
            return;
        }
        for (CommandHandlerConnection connection : commandContext.connectionsOf(event.clientId())) {
            if (event.orderly()) {
                log.info("Draining the command stream of {} in {}: {}", event.clientId(), event.context(), event.reason());
                connection.drain();
                timer.schedule(() -> connection.close(null), properties.disconnectGrace().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                log.info("Dropping command subscriptions of {} in {}: {}", event.clientId(), event.context(), event.reason());
                connection.close(Status.UNAVAILABLE.withDescription("Client " + event.clientId()
                        + " is considered disconnected: " + event.reason()).asRuntimeException());
            }
        }
    }

    /** The contexts in which commands were subscribed or dispatched. */
    public Set<String> contexts() {
        return new TreeSet<>(contexts.keySet());
    }

    /** How many commands the context dispatched so far, for rates. */
    public long dispatchedTotal(String context) {
        CommandContext commandContext = contexts.get(context);
        return commandContext == null ? 0 : commandContext.dispatchedTotal();
    }

    /** Every command name known in the context, with its handlers and counters (a copy). */
    public List<CommandInfo> commands(String context) {
        CommandContext commandContext = contexts.get(context);
        return commandContext == null ? List.of() : commandContext.snapshot();
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    CommandResponse dispatchError(Command command, String message) {
        return error(command, ErrorCode.COMMAND_DISPATCH_ERROR, message);
    }

    CommandResponse timeoutError(PendingCommand command, String handler) {
        return error(command.command, ErrorCode.COMMAND_DISPATCH_ERROR, "Command " + command.name()
                + " timed out after " + command.timeoutMillis + " ms"
                + (handler == null ? " waiting for a handler to accept it" : " on handler " + handler));
    }

    private static CommandResponse error(Command command, ErrorCode code, String message) {
        return CommandResponse.newBuilder()
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setRequestIdentifier(command.getMessageIdentifier())
                .setErrorCode(code.code())
                .setErrorMessage(code.asErrorMessage(message))
                .build();
    }

    private CommandContext context(String name) {
        CommandContext existing = contexts.get(name);
        return existing != null ? existing
                : contexts.computeIfAbsent(name, n -> new CommandContext(n, properties.virtualNodes()));
    }

    private void expire() {
        try {
            long now = System.nanoTime();
            for (CommandContext commandContext : contexts.values()) {
                for (CommandHandlerConnection connection : commandContext.connections) {
                    connection.expire(now);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Checking command timeouts failed", e);
        }
    }
}
