package io.sagashop.inspection.api;

/**
 * Asks for one saga in full. The application that runs the type answers a {@link SagaDetailView};
 * every other application, and the owner when it does not know the id, answers {@code null}
 * (ask with an optional response type).
 *
 * @param sagaType the saga's type
 * @param sagaId   the saga's id in its saga store
 */
public record FindSagaQuery(String sagaType, String sagaId) {
}
