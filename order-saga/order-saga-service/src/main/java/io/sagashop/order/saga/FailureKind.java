package io.sagashop.order.saga;

import io.sagashop.platform.DomainError;
import java.util.Optional;
import java.util.Set;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.axonframework.messaging.HandlerExecutionException;

/**
 * How a command the saga sent failed, which decides what follows: a command nobody could take
 * (the participant is down, the hub is unreachable) or one that failed for a reason that may pass
 * is journalled and resent by the step deadline; a business refusal (a {@link DomainError} with a
 * 4xx status) is an answer, reported to the saga ({@link SagaCommands}, {@link CommandRefused}).
 */
enum FailureKind {
    /** Not delivered: no handler (AXONIQ-4000), dispatch error (AXONIQ-4003), no connection. */
    UNDELIVERABLE,
    /** Delivered but failed for a reason that may pass (a 5xx, a timeout, an unexpected error). */
    TRANSIENT,
    /** The participant refused it as a business decision (4xx). */
    REFUSED;

    /** Axon Server error codes meaning "nobody could take the message right now". */
    private static final Set<String> UNDELIVERABLE_CODES = Set.of("AXONIQ-3001", "AXONIQ-4000", "AXONIQ-4003");

    static FailureKind of(Throwable failure) {
        Optional<DomainError> error = domainError(failure);
        if (error.isPresent() && error.get().status() >= 400 && error.get().status() < 500) {
            return REFUSED;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoHandlerForCommandException || t instanceof CommandDispatchException) {
                return UNDELIVERABLE;
            }
            if (t instanceof AxonServerException server && UNDELIVERABLE_CODES.contains(server.code())) {
                return UNDELIVERABLE;
            }
            if (t instanceof io.axoniq.axonserver.connector.AxonServerException connector
                    && connector.getErrorCategory() != null
                    && UNDELIVERABLE_CODES.contains(connector.getErrorCategory().errorCode())) {
                return UNDELIVERABLE;
            }
            if (t instanceof io.grpc.StatusRuntimeException grpc && grpc.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE) {
                return UNDELIVERABLE;
            }
        }
        return TRANSIENT;
    }

    static Optional<DomainError> domainError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HandlerExecutionException handlerFailure
                    && handlerFailure.getDetails().orElse(null) instanceof DomainError error) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }

    /** The innermost useful message, for the journal. */
    static String describe(Throwable failure) {
        Optional<DomainError> error = domainError(failure);
        if (error.isPresent()) {
            return error.get().status() + " " + error.get().code() + ": " + error.get().message();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root
                && (root instanceof java.util.concurrent.CompletionException || root.getMessage() == null)) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
