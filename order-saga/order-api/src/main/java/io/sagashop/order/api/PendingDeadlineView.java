package io.sagashop.order.api;

import java.time.Instant;

/**
 * A deadline the saga has scheduled and that has not fired or been cancelled.
 *
 * @param deadlineName what it is for (e.g. order-deadline, retry-payment)
 * @param deadlineId   the deadline manager's id
 * @param dueAt        when it fires
 */
public record PendingDeadlineView(String deadlineName, String deadlineId, Instant dueAt) {
}
