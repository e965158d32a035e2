package io.sagashop.inspection;

import io.sagashop.inspection.api.SagaAction;
import java.util.Set;

/**
 * A saga type the application inspects: declare one Spring bean per type. The library answers
 * {@code FindSagaTypesQuery} with it and subscribes the type's operator actions under
 * {@code SagaActionCommand.commandName(sagaType())}. A type without a bean is still listed and
 * queried (from its journal rows) but accepts no action.
 */
public interface InspectedSagaType {

    /** The type's name, as the saga code passes it to {@link SagaJournal#started}; unique in the Axon context. */
    String sagaType();

    /** What the saga does, in words, or {@code null}. */
    default String description() {
        return null;
    }

    /** The operator actions this type accepts (empty: none). */
    Set<SagaAction> actions();

    /**
     * Carries out an accepted action on a saga the journal holds as active. Called in the
     * command's handling; throw to refuse (the message reaches the operator). The saga should
     * note the action in its timeline when it handles it (in its own unit of work).
     *
     * @param request which saga (with its business key), what, who and why
     */
    void act(SagaActionRequest request);
}
