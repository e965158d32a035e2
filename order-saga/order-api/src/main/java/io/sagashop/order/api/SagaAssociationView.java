package io.sagashop.order.api;

/**
 * One association value the saga is found by.
 *
 * @param key   the association property (orderId, paymentId, ...)
 * @param value its value
 *
 * @deprecated No longer answered by the order service: saga inspection is the domain-free protocol of
 * {@code io.sagashop.inspection.api} (saga-inspection/README.md) and the audit its consistency report.
 * Kept only because the hub's tests still compile against it; delete once they no longer do (issue 17).
 */
@Deprecated(forRemoval = true)
public record SagaAssociationView(String key, String value) {
}
