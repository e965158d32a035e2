package io.sagashop.platform.web;

import io.sagashop.platform.DomainError;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.axonserver.connector.command.AxonServerRemoteCommandHandlingException;
import org.axonframework.axonserver.connector.query.AxonServerQueryDispatchException;
import org.axonframework.axonserver.connector.query.AxonServerRemoteQueryHandlingException;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.common.AxonException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.NoHandlerForQueryException;

/**
 * Reads what went wrong out of an exception a command or query dispatch produced, locally or
 * through Axon Server: a {@link DomainError} in the details, a missing aggregate, a concurrency
 * conflict, or a message that could not be delivered.
 */
final class CommandFailures {

    /** Axon Server error codes that mean "nobody could take the message right now". */
    private static final java.util.Set<String> UNDELIVERABLE_CODES = java.util.Set.of(
            "AXONIQ-3001", // connection to Axon Server failed
            "AXONIQ-4000", // no handler for command
            "AXONIQ-4003", // command dispatch error, e.g. no connection to Axon Server
            "AXONIQ-5000", // no handler for query
            "AXONIQ-5002"  // query dispatch error
    );

    private CommandFailures() {
    }

    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static Optional<DomainError> domainError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HandlerExecutionException handlerFailure
                    && handlerFailure.getDetails().orElse(null) instanceof DomainError error) {
                return Optional.of(error);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    static boolean undeliverable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NoHandlerForCommandException || t instanceof NoHandlerForQueryException
                    || t instanceof CommandDispatchException || t instanceof AxonServerQueryDispatchException) {
                return true;
            }
            if (t instanceof AxonServerException serverFailure
                    && UNDELIVERABLE_CODES.contains(serverFailure.code())) {
                return true;
            }
            if (t instanceof io.axoniq.axonserver.connector.AxonServerException connectorFailure
                    && connectorFailure.getErrorCategory() != null
                    && UNDELIVERABLE_CODES.contains(connectorFailure.getErrorCategory().errorCode())) {
                return true;
            }
            if (t instanceof io.grpc.StatusRuntimeException grpc
                    && grpc.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static boolean aggregateNotFound(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AggregateNotFoundException) {
                return true;
            }
            // Through the hub only the description survives.
            if ((t instanceof AxonServerRemoteCommandHandlingException || t instanceof AxonServerRemoteQueryHandlingException)
                    && String.valueOf(t.getMessage()).contains("not found in the event store")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static boolean concurrencyConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static boolean isAxonFailure(Throwable failure) {
        return failure instanceof AxonException;
    }
}
