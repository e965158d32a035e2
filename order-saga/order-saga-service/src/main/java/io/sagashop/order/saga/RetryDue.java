package io.sagashop.order.saga;

import java.time.Instant;

/**
 * Payload of a retry deadline (serialized with Jackson into db-scheduler's table).
 *
 * @param generation the saga's retry generation when the failure happened; a retry whose
 *                   generation is no longer current is stale and does nothing
 * @param dueAt      when it was due
 */
record RetryDue(long generation, Instant dueAt) {
}
