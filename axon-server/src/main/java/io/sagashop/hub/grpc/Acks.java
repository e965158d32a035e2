package io.sagashop.hub.grpc;

import io.axoniq.axonserver.grpc.InstructionAck;

/** Building the acknowledgements clients wait for (they give up after about a second). */
public final class Acks {

    private Acks() {
    }

    public static InstructionAck success(String instructionId) {
        return InstructionAck.newBuilder().setInstructionId(instructionId).setSuccess(true).build();
    }

    public static InstructionAck failure(String instructionId, ErrorCode code, String message) {
        return InstructionAck.newBuilder().setInstructionId(instructionId).setSuccess(false)
                .setError(code.asErrorMessage(message)).build();
    }

    /** An empty instruction id means the client wants no acknowledgement. */
    public static boolean wanted(String instructionId) {
        return instructionId != null && !instructionId.isEmpty();
    }
}
