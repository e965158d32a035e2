package io.sagashop.catalog.product;

import io.sagashop.platform.DomainError;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Turns "no such aggregate" into a 404 {@link DomainError} where the command is handled, so the
 * sender gets a clear not-found however the failure travels (through the hub only an exception's
 * message and details survive, not its type).
 */
class UnknownProductInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final String PRODUCT_NOT_FOUND = "product-not-found";

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (AggregateNotFoundException e) {
            throw DomainError.notFound(PRODUCT_NOT_FOUND, "No product " + e.getAggregateIdentifier()).exception();
        }
    }
}
