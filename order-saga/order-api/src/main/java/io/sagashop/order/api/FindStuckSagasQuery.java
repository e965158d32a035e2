package io.sagashop.order.api;

/**
 * Asks for the sagas that are stuck: active without progress for longer than the service's
 * stuck threshold, or past their order deadline. Answered with a {@link SagaListView}.
 *
 * @param limit at most this many, 1 to 1000
 *
 * @deprecated No longer answered by the order service: saga inspection is the domain-free protocol of
 * {@code io.sagashop.inspection.api} (saga-inspection/README.md) and the audit its consistency report.
 * Kept only because the hub's tests still compile against it; delete once they no longer do (issue 17).
 */
@Deprecated(forRemoval = true)
public record FindStuckSagasQuery(int limit) {
}
