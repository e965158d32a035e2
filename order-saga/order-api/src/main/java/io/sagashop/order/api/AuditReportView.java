package io.sagashop.order.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of the consistency audit. Invariant names: {@code confirmed-order-paid-once}
 * (1), {@code unsuccessful-order-nothing-kept} (2), {@code stock-balanced} and
 * {@code no-reservation-for-finished-order} (3), {@code saga-within-deadline} and
 * {@code order-reaches-final-state} (4). Invariant 5 (one notification per outcome and channel)
 * is the notification service's to check.
 *
 * @param checkedAt  when the audit ran
 * @param orders     orders checked
 * @param payments   payments checked
 * @param products   products checked
 * @param violations every violation found, empty when all is well
 * @param violationsByInvariant number of violations per invariant name (every checked invariant listed, 0 included)
 */
public record AuditReportView(Instant checkedAt, int orders, int payments, int products, List<AuditViolationView> violations,
                              Map<String, Integer> violationsByInvariant) {

    public AuditReportView {
        violations = List.copyOf(violations);
        violationsByInvariant = Map.copyOf(violationsByInvariant);
    }

    /** Whether no invariant is broken. */
    public boolean clean() {
        return violations.isEmpty();
    }
}
