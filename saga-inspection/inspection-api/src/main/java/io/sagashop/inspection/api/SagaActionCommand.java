package io.sagashop.inspection.api;

import org.axonframework.commandhandling.RoutingKey;

/**
 * An operator's action on one saga. Sent under {@link #commandName(String)} of its type, routed by
 * the saga id (Axon's default routing strategy reads {@link RoutingKey}; an asker that builds the
 * message itself sets the routing key to the saga id); refused (an error naming why) when the saga is unknown, already over, or the type
 * does not accept the action.
 *
 * @param sagaType the saga's type
 * @param sagaId   the saga's id
 * @param action   what to do
 * @param operator who asked: the signed-in operator, set by the console, never by the person asking
 * @param reason   why; required for {@link SagaAction#COMPENSATE} and {@link SagaAction#END}
 */
public record SagaActionCommand(String sagaType, @RoutingKey String sagaId, SagaAction action, String operator, String reason) {

    /**
     * The command name a saga type's actions are sent under: one handler per type, wherever it runs.
     *
     * @param sagaType a type from {@link FindSagaTypesQuery}'s answer
     * @return this record's class name, {@code '@'} and the type
     */
    public static String commandName(String sagaType) {
        return SagaActionCommand.class.getName() + "@" + sagaType;
    }
}
