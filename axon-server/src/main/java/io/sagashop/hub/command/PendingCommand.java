package io.sagashop.hub.command;

import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandProviderInbound;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.grpc.stub.StreamObserver;
import io.sagashop.hub.routing.ProcessingInstructions;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dispatched command from arrival to answer: it waits in a handler's queue, is sent, and is
 * answered exactly once — by the handler, or by the hub when it times out or its handler is lost.
 */
final class PendingCommand {

    private static final Logger log = LoggerFactory.getLogger(PendingCommand.class);

    private static final int WAITING = 0;
    private static final int SENT = 1;
    private static final int DONE = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PendingCommand.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final CommandContext context;
    final Command command;
    final String routingKey;
    final long deadline;
    final long timeoutMillis;
    private final StreamObserver<CommandResponse> caller;
    private final CommandStats stats;
    private final CommandObserver observer;
    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    /** The instance the command was last routed to; for statistics and the journal only. */
    volatile CommandContext.Member target;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    PendingCommand(CommandContext context, Command command, StreamObserver<CommandResponse> caller,
                   CommandStats stats, long timeoutMillis, CommandObserver observer) {
        this.context = context;
        this.observer = observer;
        this.command = command;
        this.caller = caller;
        this.stats = stats;
        this.timeoutMillis = timeoutMillis;
        this.deadline = startNanos + timeoutMillis * 1_000_000L;
        String key = ProcessingInstructions.text(command.getProcessingInstructionsList(), ProcessingKey.ROUTING_KEY);
        // The connector always adds one; a raw client may not: then every command is its own key.
        this.routingKey = key != null ? key : command.getMessageIdentifier();
    }

    String name() {
        return command.getName();
    }

    /** What the command holds while it waits: its serialized size (protobuf remembers it). */
    long size() {
        return command.getSerializedSize();
    }

    String id() {
        return command.getMessageIdentifier();
    }

    CommandProviderInbound message() {
        return CommandProviderInbound.newBuilder().setCommand(command).build();
    }

    /** Claims the command for sending; false when it was answered (expired) while waiting. */
    boolean markSent() {
        return STATE.compareAndSet(this, WAITING, SENT);
    }

    boolean isDone() {
        return state == DONE;
    }

    boolean isExpired(long now) {
        return now - deadline >= 0;
    }

    /** Answers the sender, unless someone answered first. */
    boolean finish(CommandResponse response) {
        int current;
        do {
            current = state;
            if (current == DONE) {
                return false;
            }
        } while (!STATE.compareAndSet(this, current, DONE));
        long tookNanos = System.nanoTime() - startNanos;
        if (!response.getErrorCode().isEmpty()) {
            stats.errors.increment();
        }
        stats.latency.record(tookNanos);
        if (observer != null) {
            // Before the answer, so that whoever got the answer finds the command in the journal.
            try {
                observer.routed(describe(response, tookNanos));
            } catch (RuntimeException e) {
                // An observer's failure must never keep a command from being answered.
                log.warn("Command observer failed on {}", command.getName(), e);
            }
        }
        try {
            caller.onNext(response);
            caller.onCompleted();
        } catch (RuntimeException cancelled) {
            // The sender gave up (deadline, cancel); nobody is left to answer.
        }
        return true;
    }

    private RoutedCommand describe(CommandResponse response, long tookNanos) {
        var correlation = command.getMetaDataMap().get("correlationId");
        CommandContext.Member member = target;
        return new RoutedCommand(context.name, id(), name(), routingKey,
                correlation == null ? null : correlation.getTextValue(),
                member == null ? null : member.clientId(), member == null ? null : member.componentName(),
                Instant.ofEpochMilli(startMillis), tookNanos / 1_000,
                response.getErrorCode(), response.hasErrorMessage() ? response.getErrorMessage().getMessage() : "");
    }
}
