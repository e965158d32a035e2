package io.sagashop.platform;

import org.axonframework.commandhandling.CommandExecutionException;

/**
 * A caller mistake a handler reports, carried as the details of a {@link CommandExecutionException}
 * so it survives the trip through the hub (Axon serializes the details with the Jackson serializer
 * and rebuilds them on the dispatching side). The platform's HTTP error handling turns it into a
 * problem+json response with {@link #status()}.
 *
 * <pre>{@code
 * throw DomainError.conflict("email-taken", "email", "This e-mail address is already registered").exception();
 * }</pre>
 *
 * @param code    a stable, machine-readable name of the error, e.g. {@code email-taken}
 * @param status  the HTTP status it maps to (400, 404, 409, ...)
 * @param message a human-readable explanation, safe to show to the caller
 * @param field   the input field at fault, or {@code null}
 */
public record DomainError(String code, int status, String message, String field) {

    /** The caller's input breaks a rule (400). */
    public static DomainError invalid(String code, String field, String message) {
        return new DomainError(code, 400, message, field);
    }

    /** The thing addressed does not exist (404). */
    public static DomainError notFound(String code, String message) {
        return new DomainError(code, 404, message, null);
    }

    /** The request conflicts with the current state (409). */
    public static DomainError conflict(String code, String message) {
        return new DomainError(code, 409, message, null);
    }

    /** The request conflicts with the current state because of one field (409). */
    public static DomainError conflict(String code, String field, String message) {
        return new DomainError(code, 409, message, field);
    }

    /** The caller may not do this (403). */
    public static DomainError forbidden(String code, String message) {
        return new DomainError(code, 403, message, null);
    }

    /**
     * The exception to throw from a command or query handler (or anywhere in a service): a
     * {@link CommandExecutionException} whose details are this error.
     */
    public CommandExecutionException exception() {
        return new CommandExecutionException(message, null, this);
    }
}
