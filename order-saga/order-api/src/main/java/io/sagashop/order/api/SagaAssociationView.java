package io.sagashop.order.api;

/**
 * One association value the saga is found by.
 *
 * @param key   the association property (orderId, paymentId, ...)
 * @param value its value
 */
public record SagaAssociationView(String key, String value) {
}
