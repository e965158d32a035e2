package io.sagashop.order.api;

/**
 * Asks for the consistency audit: the invariants of docs/saga.md ("Invariants") checked across the order,
 * payment and catalog views. Answered with an {@link AuditReportView}; the counts always cover
 * everything, the list of violations is cut at {@code maxViolations}.
 *
 * @param maxViolations at most this many violations listed, 1 to 10 000
 */
public record AuditQuery(int maxViolations) {

    /** The audit with the default cap of 1 000 listed violations. */
    public static AuditQuery all() {
        return new AuditQuery(1000);
    }
}
