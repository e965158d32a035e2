package io.sagashop.order.api;

/**
 * Asks for the consistency audit: the invariants of docs/saga.md ("Invariants") checked across the order,
 * payment and catalog views. Answered with an {@link AuditReportView}; the counts always cover
 * everything, the list of violations is cut at {@code maxViolations}.
 *
 * @param maxViolations at most this many violations listed, 1 to 10 000
 *
 * @deprecated No longer answered by the order service: saga inspection is the domain-free protocol of
 * {@code io.sagashop.inspection.api} (saga-inspection/README.md) and the audit its consistency report.
 * Kept only because the hub's tests still compile against it; delete once they no longer do (issue 17).
 */
@Deprecated(forRemoval = true)
public record AuditQuery(int maxViolations) {

    /** The audit with the default cap of 1 000 listed violations. */
    public static AuditQuery all() {
        return new AuditQuery(1000);
    }
}
