package io.sagashop.hub.platform;

import io.axoniq.axonserver.grpc.ErrorMessage;
import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.InstructionResult;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.sagashop.hub.platform.InstructionOutcome.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The instructions sent to one client instance that wait for its acknowledgement and result.
 * <p>
 * Results ({@code InstructionResult}) carry the instruction id. Acknowledgements from the Java
 * connector do not: it acks every instruction that has an id, in the order it receives them,
 * with an {@code InstructionAck} whose id is empty. An ack without id therefore belongs to the
 * oldest instruction not yet acknowledged; that is why registering and sending happen under one
 * lock. An ack that does carry an id is matched by id.
 */
final class PendingInstructions {

    private final String clientId;
    private final Map<String, Pending> byId = new ConcurrentHashMap<>();
    private final Deque<Pending> unacknowledged = new ArrayDeque<>();

    PendingInstructions(String clientId) {
        this.clientId = clientId;
    }

    /** Sends {@code instruction} (which has an id) through {@code stream} and tracks it until it ends or {@code timeout} passes. */
    CompletableFuture<InstructionOutcome> send(PlatformOutboundInstruction instruction, String description,
                                               Duration timeout, Consumer<PlatformOutboundInstruction> stream) {
        Pending pending = new Pending(instruction.getInstructionId(), description);
        byId.put(pending.id, pending);
        pending.future.whenComplete((outcome, error) -> forget(pending));
        CompletableFuture.runAsync(
                () -> pending.finish(Status.TIMED_OUT, "", "No result from the client within " + timeout),
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        synchronized (this) {
            unacknowledged.addLast(pending);
            stream.accept(instruction);
        }
        return pending.future;
    }

    void acknowledged(InstructionAck ack) {
        Pending pending;
        if (ack.getInstructionId().isEmpty()) {
            synchronized (this) {
                pending = unacknowledged.pollFirst();
            }
        } else {
            pending = byId.get(ack.getInstructionId());
            if (pending != null) {
                synchronized (this) {
                    unacknowledged.remove(pending);
                }
            }
        }
        if (pending == null) {
            return;
        }
        pending.acknowledged = true;
        if (!ack.getSuccess()) {
            pending.finish(Status.FAILED, ack.getError());
        }
    }

    void result(InstructionResult result) {
        Pending pending = byId.get(result.getInstructionId());
        if (pending != null) {
            if (result.getSuccess()) {
                pending.finish(Status.SUCCEEDED, "", "");
            } else {
                pending.finish(Status.FAILED, result.getError());
            }
        }
    }

    /** Ends every instruction still open: the client is gone and will not answer. */
    void abandon(String reason) {
        byId.values().forEach(pending -> pending.finish(Status.DISCONNECTED, "", reason));
    }

    private void forget(Pending pending) {
        byId.remove(pending.id, pending);
        synchronized (this) {
            unacknowledged.remove(pending);
        }
    }

    private final class Pending {
        private final String id;
        private final String description;
        private final CompletableFuture<InstructionOutcome> future = new CompletableFuture<>();
        private volatile boolean acknowledged;

        private Pending(String id, String description) {
            this.id = id;
            this.description = description;
        }

        private void finish(Status status, ErrorMessage error) {
            finish(status, error.getErrorCode(), error.getMessage());
        }

        private void finish(Status status, String errorCode, String errorMessage) {
            future.complete(new InstructionOutcome(clientId, description, status, acknowledged, errorCode, errorMessage));
        }
    }
}
