package io.sagashop.inspection.api;

/**
 * One association value the saga is found by.
 *
 * @param key   the association property
 * @param value its value
 */
public record SagaAssociationView(String key, String value) {
}
