package io.sagashop.hub.grpc;

import io.axoniq.axonserver.grpc.InstructionAck;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Building the acknowledgements clients wait for (they give up after about a second). */
public final class Acks {

    private static final Logger log = LoggerFactory.getLogger(Acks.class);

    private Acks() {
    }

    public static InstructionAck success(String instructionId) {
        return InstructionAck.newBuilder().setInstructionId(instructionId).setSuccess(true).build();
    }

    public static InstructionAck failure(String instructionId, ErrorCode code, String message) {
        return InstructionAck.newBuilder().setInstructionId(instructionId).setSuccess(false)
                .setError(code.asErrorMessage(message)).build();
    }

    /**
     * Answers an instruction: success when {@code refusal} is null, else a failure carrying it.
     * Without an instruction id the client wants no answer; a refusal is then only logged.
     */
    public static void reply(String instructionId, String refusal, Consumer<InstructionAck> send) {
        if (!wanted(instructionId)) {
            if (refusal != null) {
                log.warn("Refused instruction: {}", refusal);
            }
            return;
        }
        send.accept(refusal == null ? success(instructionId)
                : failure(instructionId, ErrorCode.INSTRUCTION_EXECUTION_ERROR, refusal));
    }

    /** Answers an instruction the caller's application may not give with AXONIQ-1001 (permission denied). */
    public static void deny(String instructionId, String refusal, Consumer<InstructionAck> send) {
        if (wanted(instructionId)) {
            send.accept(failure(instructionId, ErrorCode.AUTHENTICATION_INVALID_TOKEN, refusal));
        }
    }

    /** Answers an instruction of a kind the hub does not know with AXONIQ-1002, if an answer is wanted. */
    public static void unsupported(String instructionId, Object kind, Consumer<InstructionAck> send) {
        if (wanted(instructionId)) {
            send.accept(failure(instructionId, ErrorCode.UNSUPPORTED_INSTRUCTION, "Unsupported instruction: " + kind));
        }
    }

    /** An empty instruction id means the client wants no acknowledgement. */
    public static boolean wanted(String instructionId) {
        return instructionId != null && !instructionId.isEmpty();
    }
}
