package io.sagashop.console.inspection;

import io.sagashop.inspection.api.SagaActionCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;

/**
 * Routes an operator action by its saga's id, as the protocol says, so that every action on one
 * saga reaches the same instance of the application (Axon Server hashes the routing key over the
 * instances that handle the command). The record carries no {@code @RoutingKey}: the protocol
 * module depends on no Axon, and the connector's default strategy would give it a random key.
 * Anything else the console might send keeps Axon's default, annotation-based routing.
 */
final class SagaIdRoutingStrategy implements RoutingStrategy {

    private final RoutingStrategy fallback = AnnotationRoutingStrategy.defaultStrategy();

    @Override
    public String getRoutingKey(CommandMessage<?> command) {
        if (command.getPayload() instanceof SagaActionCommand action) {
            return action.sagaId();
        }
        return fallback.getRoutingKey(command);
    }
}
