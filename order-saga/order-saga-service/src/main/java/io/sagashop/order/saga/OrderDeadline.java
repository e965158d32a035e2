package io.sagashop.order.saga;

import java.time.Instant;

/**
 * Payload of the saga's lifetime deadline (serialized with Jackson into db-scheduler's table).
 *
 * @param orderId the order
 * @param dueAt   when it was due
 */
record OrderDeadline(String orderId, Instant dueAt) {
}
