package io.sagashop.platform.fault;

import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Halts the JVM right after the unit of work that handled a matching message commits: its state
 * and token are stored, and nothing its handlers left for after the commit has run.
 *
 * <p>Ordering. Axon runs after-commit callbacks in reverse order of registration (within the
 * message that registered them, and a batch's messages last to first). This interceptor registers
 * its callback <em>after</em> the handler returned, so it comes after whatever the handler
 * registered for that message — a saga's "send these commands once committed" — and therefore
 * runs before it. A callback registered while an earlier message of the same batch was handled
 * runs later still. So the halt precedes every after-commit effect of the matching message.
 *
 * <p>Only a handling that ran a handler method counts ({@link HandlerInvocations}): in the other
 * segments of a saga's processor the same event passes with no saga to handle it.
 */
public final class HaltAfterCommitInterceptor<T extends Message<?>> implements MessageHandlerInterceptor<T> {

    /** The exit status of a halted JVM, so a test can tell the injected fault from a crash. */
    public static final int HALT_STATUS = 86;

    private static final Logger LOGGER = LoggerFactory.getLogger(HaltAfterCommitInterceptor.class);

    /** Stops the JVM; replaced in tests. */
    @FunctionalInterface
    public interface Halter {
        void halt(int status);
    }

    private final HaltAfterCommit fault;
    private final Halter halter;
    private final AtomicInteger committed = new AtomicInteger();

    /** An interceptor that really halts the JVM ({@link Runtime#halt(int)}). */
    public HaltAfterCommitInterceptor(HaltAfterCommit fault) {
        this(fault, status -> Runtime.getRuntime().halt(status));
    }

    public HaltAfterCommitInterceptor(HaltAfterCommit fault, Halter halter) {
        this.fault = fault;
        this.halter = halter;
    }

    @Override
    public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        Object result = interceptorChain.proceed();
        Message<?> message = unitOfWork.getMessage();
        if (matches(message) && HandlerInvocations.invoked(unitOfWork, message)) {
            // Registered now, after the handler's own callbacks: see the class comment.
            unitOfWork.afterCommit(committedWork -> {
                int occurrence = committed.incrementAndGet();
                if (occurrence == fault.occurrence()) {
                    LOGGER.error("FAULT INJECTION: halting the JVM now (status {}): the unit of work that handled {} #{}"
                            + " in {} committed", HALT_STATUS, fault.messageName(), occurrence, fault.handler());
                    halter.halt(HALT_STATUS);
                }
            });
        }
        return result;
    }

    private boolean matches(Message<?> message) {
        if (message == null) {
            return false;
        }
        if (message instanceof DeadlineMessage<?> deadline && fault.messageName().equals(deadline.getDeadlineName())) {
            return true;
        }
        return fault.messageName().equals(message.getPayloadType().getSimpleName());
    }

    /** How many matching messages' units of work committed so far. */
    int committedMatches() {
        return committed.get();
    }
}
