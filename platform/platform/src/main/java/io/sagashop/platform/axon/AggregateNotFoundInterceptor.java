package io.sagashop.platform.axon;

import io.sagashop.platform.DomainError;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Turns "no such aggregate" into a 404 {@link DomainError} where the command is handled: through
 * Axon Server only an exception's message and details reach the sender, not its type. A service
 * registers it on the command bus by itself; aggregate test fixtures register it too.
 */
public final class AggregateNotFoundInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    public static final String NOT_FOUND = "not-found";

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException e) {
            throw notFound(e.getAggregateIdentifier());
        }
    }

    /** The 404 for a missing aggregate, also for a handler that finds it missing by itself. */
    public static RuntimeException notFound(Object aggregateId) {
        return DomainError.notFound(NOT_FOUND, "Nothing found with id " + aggregateId).exception();
    }
}
