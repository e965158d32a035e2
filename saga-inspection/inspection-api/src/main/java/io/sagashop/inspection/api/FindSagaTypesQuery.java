package io.sagashop.inspection.api;

/** Asks each application for the saga types it inspects. Answered with a {@link SagaTypeListView}. */
public record FindSagaTypesQuery() {
}
