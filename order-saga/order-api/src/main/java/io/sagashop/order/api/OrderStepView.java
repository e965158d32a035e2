package io.sagashop.order.api;

import java.time.Instant;

/**
 * One step in an order's history.
 *
 * @param step   what happened (e.g. PLACED, STOCK_RESERVED, PAYMENT_PENDING, CONFIRMED, REFUNDED)
 * @param at     when
 * @param detail more, in words, or {@code null}
 */
public record OrderStepView(String step, Instant at, String detail) {
}
