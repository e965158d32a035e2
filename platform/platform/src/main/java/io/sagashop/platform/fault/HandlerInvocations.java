package io.sagashop.platform.fault;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Notes in the unit of work when an annotated handler method (an event, saga or deadline handler)
 * was invoked for a message. An event processor runs its interceptors for every event it could
 * handle, in every segment, also where no saga instance takes it: a saga's event is "handled" by
 * the work packages of the other segments too, with nothing to do. The halt must follow the commit
 * that ran a handler, so {@link HaltAfterCommitInterceptor} halts only where this mark is set.
 * Installed only while a fault is armed.
 */
public final class HandlerInvocations implements HandlerEnhancerDefinition {

    private static final String KEY = HandlerInvocations.class.getName() + ".invoked:";

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                Object result = super.handle(message, target);
                markInvoked(message);
                return result;
            }
        };
    }

    /** Marks that a handler method ran for the message in the current unit of work. */
    static void markInvoked(Message<?> message) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().put(KEY + message.getIdentifier(), Boolean.TRUE);
        }
    }

    /** Whether a handler method ran for the message in this unit of work (a batch: any of its messages). */
    static boolean invoked(org.axonframework.messaging.unitofwork.UnitOfWork<?> unitOfWork, Message<?> message) {
        return unitOfWork.root().resources().containsKey(KEY + message.getIdentifier());
    }
}
