package io.sagashop.platform.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * One place to halt the JVM: right after the unit of work that handled the {@code occurrence}-th
 * message named {@code messageName} in {@code handler} committed.
 *
 * <p>Written {@code handler:messageName[:occurrence]}, several separated by commas, in
 * {@code sagashop.fault.halt-after-commit}:
 * <ul>
 *   <li>{@code handler} is an event processor's name (Axon names a processor after its processing
 *   group unless the service assigns it otherwise), or {@value #DEADLINES} for the deadline
 *   manager;</li>
 *   <li>{@code messageName} is the simple class name of the payload ({@code StockReserved}), or
 *   for a deadline its deadline name ({@code step-deadline}) or its payload's simple name;</li>
 *   <li>{@code occurrence} counts the matching messages whose unit of work committed, from 1
 *   (the default).</li>
 * </ul>
 *
 * @param handler     the event processor's name, or {@value #DEADLINES}
 * @param messageName the payload's simple class name (or the deadline's name)
 * @param occurrence  which committed match halts, 1 or more
 */
public record HaltAfterCommit(String handler, String messageName, int occurrence) {

    /** The handler name that stands for the deadline manager rather than an event processor. */
    public static final String DEADLINES = "deadlines";

    public HaltAfterCommit {
        if (handler == null || handler.isBlank() || messageName == null || messageName.isBlank()) {
            throw new IllegalArgumentException("a halt-after-commit fault needs a handler and a message name");
        }
        if (occurrence < 1) {
            throw new IllegalArgumentException("the occurrence of a halt-after-commit fault counts from 1, not " + occurrence);
        }
    }

    /**
     * Reads the property's value.
     *
     * @throws IllegalArgumentException naming the part that is not {@code handler:messageName[:occurrence]}
     */
    public static List<HaltAfterCommit> parse(String value) {
        List<HaltAfterCommit> faults = new ArrayList<>();
        for (String part : value.split(",")) {
            String spec = part.strip();
            if (spec.isEmpty()) {
                continue;
            }
            String[] fields = spec.split(":", -1);
            if (fields.length < 2 || fields.length > 3 || fields[0].isBlank() || fields[1].isBlank()) {
                throw new IllegalArgumentException("sagashop.fault.halt-after-commit: '" + spec
                        + "' is not <event processor or " + DEADLINES + ">:<message name>[:<occurrence>]");
            }
            int occurrence = 1;
            if (fields.length == 3) {
                try {
                    occurrence = Integer.parseInt(fields[2].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("sagashop.fault.halt-after-commit: the occurrence in '" + spec
                            + "' is not a whole number", e);
                }
            }
            faults.add(new HaltAfterCommit(fields[0].strip(), fields[1].strip(), occurrence));
        }
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("sagashop.fault.halt-after-commit is set but names no fault");
        }
        return List.copyOf(faults);
    }

    @Override
    public String toString() {
        return handler + ":" + messageName + ":" + occurrence;
    }
}
