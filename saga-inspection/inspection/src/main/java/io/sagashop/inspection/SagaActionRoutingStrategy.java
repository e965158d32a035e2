package io.sagashop.inspection;

import io.sagashop.inspection.api.SagaActionCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.distributed.RoutingStrategy;

/**
 * Routes a {@link SagaActionCommand} by its saga id (actions on one saga reach one instance, in
 * order, as Axon Server's consistent hashing does for an aggregate's commands) and everything else
 * as the wrapped strategy does. The protocol's records carry no Axon annotation, so a sender that
 * uses Axon's default {@code AnnotationRoutingStrategy} would route these at random; the library
 * installs this strategy unless the application declares its own {@link RoutingStrategy}, and a
 * client without the library (the hub, a console) sets the saga id as the routing key itself.
 */
public class SagaActionRoutingStrategy implements RoutingStrategy {

    private final RoutingStrategy delegate;

    public SagaActionRoutingStrategy(RoutingStrategy delegate) {
        this.delegate = delegate;
    }

    @Override
    public String getRoutingKey(CommandMessage<?> command) {
        if (command.getPayload() instanceof SagaActionCommand action && action.sagaId() != null) {
            return action.sagaId();
        }
        return delegate.getRoutingKey(command);
    }
}
