package io.sagashop.inspection;

import io.sagashop.inspection.api.SagaAction;

/**
 * An operator action the library checked (the type accepts it, the saga is known and active, a
 * reason is given where one is required), handed to {@link InspectedSagaType#act}.
 *
 * @param sagaType the saga's type
 * @param sagaId   the saga's id
 * @param key      the saga's business key, from the journal (e.g. the aggregate to send a command to)
 * @param action   what to do
 * @param operator who asked
 * @param reason   why ({@code null} only for a retry)
 */
public record SagaActionRequest(String sagaType, String sagaId, String key, SagaAction action, String operator,
                                String reason) {
}
