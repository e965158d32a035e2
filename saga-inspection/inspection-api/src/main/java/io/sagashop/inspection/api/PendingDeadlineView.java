package io.sagashop.inspection.api;

import java.time.Instant;

/**
 * A deadline the saga has scheduled and that has not fired or been cancelled.
 *
 * @param deadlineName what it is for
 * @param deadlineId   the deadline manager's id
 * @param dueAt        when it fires
 */
public record PendingDeadlineView(String deadlineName, String deadlineId, Instant dueAt) {
}
