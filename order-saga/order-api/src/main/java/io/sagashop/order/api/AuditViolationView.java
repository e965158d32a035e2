package io.sagashop.order.api;

/**
 * One broken invariant.
 *
 * @param invariant   which rule (see {@link AuditReportView})
 * @param description what is wrong, in words, with the figures
 * @param orderId     the order involved, or {@code null}
 * @param paymentId   the payment involved, or {@code null}
 * @param productId   the product involved, or {@code null}
 */
public record AuditViolationView(String invariant, String description, String orderId, String paymentId, String productId) {
}
