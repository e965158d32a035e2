package io.sagashop.order.api;

/**
 * Asks for one order's saga in full. Answered with a {@link SagaDetailView}, or {@code null}
 * when the order has no saga (ask with {@code optionalInstanceOf}).
 *
 * @param orderId the order
 *
 * @deprecated No longer answered by the order service: saga inspection is the domain-free protocol of
 * {@code io.sagashop.inspection.api} (saga-inspection/README.md) and the audit its consistency report.
 * Kept only because the hub's tests still compile against it; delete once they no longer do (issue 17).
 */
@Deprecated(forRemoval = true)
public record FindSagaQuery(OrderId orderId) {
}
