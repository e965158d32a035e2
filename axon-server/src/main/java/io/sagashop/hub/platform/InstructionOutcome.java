package io.sagashop.hub.platform;

/**
 * What became of one instruction the hub sent to one client instance.
 *
 * @param clientId     the instance the instruction went to
 * @param instruction  what was asked, for people: {@code pause processor 'orders'}, {@code split segment 0 of 'orders'}
 * @param status       how it ended
 * @param acknowledged whether the client acknowledged receiving it
 * @param errorCode    the client's (or the hub's) error code when it did not succeed, else empty
 * @param errorMessage the matching message, else empty
 */
public record InstructionOutcome(String clientId, String instruction, Status status, boolean acknowledged,
                                 String errorCode, String errorMessage) {

    public enum Status {
        /** The client reported success. */
        SUCCEEDED,
        /** The client refused it (negative ack, e.g. AXONIQ-1002) or reported an error. */
        FAILED,
        /** No result arrived within {@code hub.instructions.timeout}. */
        TIMED_OUT,
        /** The client's control stream ended before a result arrived. */
        DISCONNECTED
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
