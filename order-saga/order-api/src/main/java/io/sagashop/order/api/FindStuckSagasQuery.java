package io.sagashop.order.api;

/**
 * Asks for the sagas that are stuck: active without progress for longer than the service's
 * stuck threshold, or past their order deadline. Answered with a {@link SagaListView}.
 *
 * @param limit at most this many, 1 to 1000
 */
public record FindStuckSagasQuery(int limit) {
}
