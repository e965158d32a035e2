package io.sagashop.inspection.api;

import java.util.List;

/**
 * One saga type an application inspects.
 *
 * @param sagaType    its name, unique across the applications of one Axon context (the key of every
 *                    other query and of {@link SagaActionCommand#commandName(String)})
 * @param application the application that runs it (its Axon component name)
 * @param description what the saga does, in words, or {@code null}
 * @param active      sagas of this type running and making progress
 * @param stuck       sagas of this type running without progress (see {@link SagaState#STUCK})
 * @param finished    sagas of this type that ended and are still kept for inspection
 * @param actions     the operator actions this type accepts
 */
public record SagaTypeView(String sagaType, String application, String description, long active, long stuck,
                           long finished, List<SagaAction> actions) {
    public SagaTypeView {
        actions = List.copyOf(actions);
    }
}
