package io.sagashop.order.api;

import java.time.Instant;

/**
 * A deadline the saga has scheduled and that has not fired or been cancelled.
 *
 * @param deadlineName what it is for (e.g. order-deadline, retry-payment)
 * @param deadlineId   the deadline manager's id
 * @param dueAt        when it fires
 *
 * @deprecated No longer answered by the order service: saga inspection is the domain-free protocol of
 * {@code io.sagashop.inspection.api} (saga-inspection/README.md) and the audit its consistency report.
 * Kept only because the hub's tests still compile against it; delete once they no longer do (issue 17).
 */
@Deprecated(forRemoval = true)
public record PendingDeadlineView(String deadlineName, String deadlineId, Instant dueAt) {
}
