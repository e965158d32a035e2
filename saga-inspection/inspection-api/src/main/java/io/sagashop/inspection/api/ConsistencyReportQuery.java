package io.sagashop.inspection.api;

/**
 * Asks each application that checks cross-service invariants for its report. Answered with a
 * {@link ConsistencyReportView} by every application that has checks ({@code null} by others).
 *
 * @param maxViolations at most this many violations listed, 1 to 10 000 (the counts always cover everything)
 */
public record ConsistencyReportQuery(int maxViolations) {

    /** The largest {@link #maxViolations()} an application answers. */
    public static final int MAX_VIOLATIONS = 10_000;
}
