package io.sagashop.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.sagashop.platform.DomainError;
import io.sagashop.platform.axon.Correlation;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.messaging.HandlerExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error a service's HTTP API answers, as RFC 7807 problem+json: invalid input (400, every
 * field named in {@code errors}), unreadable JSON (400), domain errors from handlers (their
 * {@link DomainError} status), a missing aggregate (404), concurrency conflicts (409), and 503
 * when a command or query cannot be delivered (no handler connected, no hub).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final String TYPE_PREFIX = "https://sagashop.io/problems/";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(fieldErrors(ex.getBindingResult()));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String parameter = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> {
                String field = error instanceof org.springframework.validation.FieldError fieldError
                        ? fieldError.getField() : parameter;
                errors.add(new FieldError(field, error.getDefaultMessage()));
            });
        });
        return invalid(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String detail = "The request body is missing or is not valid JSON";
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null
                            ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            errors.add(new FieldError(field, mismatch(mapping)));
            detail = "The request body has a field of the wrong type or format";
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Malformed request", detail, "malformed-request");
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return response(problem);
    }

    /** What the caller sent wrong, in words, for the strict JSON rules ({@link StrictJson}). */
    private static String mismatch(JsonMappingException mapping) {
        if (mapping instanceof StrictJson.UnsafeTextException unsafe) {
            return unsafe.getOriginalMessage();
        }
        if (mapping instanceof MismatchedInputException input && input.getTargetType() != null) {
            Class<?> target = input.getTargetType();
            if (target.isEnum()) {
                return "must be one of " + java.util.Arrays.toString(target.getEnumConstants());
            }
            if (target == int.class || target == Integer.class || target == long.class || target == Long.class
                    || target == short.class || target == Short.class || target == java.math.BigInteger.class) {
                return "must be a whole number";
            }
            if (target == boolean.class || target == Boolean.class) {
                return "must be true or false";
            }
        }
        return "has the wrong type or format";
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
        return invalid(List.of(new FieldError(ex.getName(), "has the wrong type or format")));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
        List<FieldError> errors = ex.getConstraintViolations().stream()
                .map(violation -> {
                    // method validation paths read "method.argument.field": the caller knows the last part
                    String field = null;
                    for (var node : violation.getPropertyPath()) {
                        field = node.getName();
                    }
                    return new FieldError(field == null ? "request" : field, violation.getMessage());
                })
                .toList();
        return invalid(errors);
    }

    @ExceptionHandler(HandlerExecutionException.class)
    ResponseEntity<Object> handlerFailure(HandlerExecutionException ex) {
        return axonFailure(ex);
    }

    @ExceptionHandler(org.axonframework.common.AxonException.class)
    ResponseEntity<Object> axonException(org.axonframework.common.AxonException ex) {
        return axonFailure(ex);
    }

    @ExceptionHandler({java.util.concurrent.CompletionException.class, java.util.concurrent.ExecutionException.class})
    ResponseEntity<Object> asyncFailure(Exception ex) throws Exception {
        Throwable cause = CommandFailures.unwrap(ex);
        if (cause instanceof org.axonframework.common.AxonException axon) {
            return axonFailure(axon);
        }
        if (cause instanceof Exception other && other != ex) {
            return unexpected(other);
        }
        return unexpected(ex);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> dataConflict(DataIntegrityViolationException ex) {
        log.info("Data integrity violation answered with 409: {}", ex.getMostSpecificCause().getMessage());
        return response(problem(HttpStatus.CONFLICT, "Conflict",
                "The request conflicts with data that already exists", "conflict"));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<Object> accessDenied(Exception ex) {
        if (io.sagashop.platform.CurrentUser.idIfAuthenticated().isEmpty()) {
            return unauthenticated(null);
        }
        return response(problem(HttpStatus.FORBIDDEN, "Forbidden",
                "You may not do this", "forbidden"));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException ex) {
        return response(problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
                "A valid bearer token is needed", "unauthorized"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) throws Exception {
        if (ex instanceof org.springframework.web.ErrorResponse
                || ex instanceof org.springframework.web.bind.ServletRequestBindingException) {
            throw ex; // Spring's own error responses: let the base class answer
        }
        if (CommandFailures.undeliverable(ex)) {
            return axonFailure(ex);
        }
        log.error("Unexpected failure answering a request", ex);
        return response(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "Something went wrong; the correlation id identifies it in the logs", "internal-error"));
    }

    private ResponseEntity<Object> axonFailure(Throwable ex) {
        var domainError = CommandFailures.domainError(ex);
        if (domainError.isPresent()) {
            DomainError error = domainError.get();
            HttpStatus status = HttpStatus.resolve(error.status());
            ProblemDetail problem = problem(status == null ? HttpStatus.BAD_REQUEST : status,
                    status == null ? "Error" : status.getReasonPhrase(), error.message(), error.code());
            problem.setProperty("code", error.code());
            if (error.field() != null) {
                problem.setProperty("errors", List.of(new FieldError(error.field(), error.message())));
            }
            return response(problem);
        }
        if (CommandFailures.undeliverable(ex)) {
            log.warn("Message could not be delivered: {}", ex.getMessage());
            return response(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                    "The service that handles this request is not reachable right now; try again later",
                    "service-unavailable"));
        }
        if (CommandFailures.aggregateNotFound(ex)) {
            return response(problem(HttpStatus.NOT_FOUND, "Not found", "No such resource", "not-found"));
        }
        if (CommandFailures.concurrencyConflict(ex)) {
            return response(problem(HttpStatus.CONFLICT, "Conflict",
                    "The resource was changed concurrently; retry", "concurrent-modification"));
        }
        log.error("Command or query failed", ex);
        return response(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request could not be processed; the correlation id identifies it in the logs",
                "internal-error"));
    }

    private ResponseEntity<Object> invalid(List<FieldError> errors) {
        List<FieldError> sorted = errors.stream()
                .sorted(Comparator.comparing(FieldError::field)).toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input",
                "Invalid " + sorted.stream().map(FieldError::field).distinct().collect(Collectors.joining(", ")),
                "invalid-input");
        problem.setProperty("errors", sorted);
        return response(problem);
    }

    private static List<FieldError> fieldErrors(BindingResult result) {
        List<FieldError> errors = new ArrayList<>();
        result.getFieldErrors().forEach(error -> errors.add(new FieldError(error.getField(), error.getDefaultMessage())));
        result.getGlobalErrors().forEach(error -> errors.add(new FieldError(error.getObjectName(), error.getDefaultMessage())));
        return errors;
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail, String type) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create(TYPE_PREFIX + type));
        Correlation.current().ifPresent(correlation -> problem.setProperty("correlationId", correlation.correlationId()));
        return problem;
    }

    private static ResponseEntity<Object> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Correlation.current().ifPresent(correlation -> problem.setProperty("correlationId", correlation.correlationId()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }
}
