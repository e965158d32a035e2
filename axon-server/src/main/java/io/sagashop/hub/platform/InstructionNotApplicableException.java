package io.sagashop.hub.platform;

/** The processor exists, but its current state rules the instruction out (no segment claimed, a single segment to merge, ...). */
public class InstructionNotApplicableException extends RuntimeException {

    public InstructionNotApplicableException(String message) {
        super(message);
    }
}
