package io.sagashop.inspection.web;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 7807 problem+json for every refusal of {@link SagaInspectionController}, whatever the host's
 * own advice does: bad input 400 with the {@code field}, the client's failures with their status
 * and title, and Spring's malformed requests (400) from the base class. Scoped to the controller
 * and ordered first, so a host's catch-all advice does not answer these differently.
 */
@RestControllerAdvice(assignableTypes = SagaInspectionController.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class InspectionProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail invalidParameter(InvalidParameterException e) {
        return invalid(e);
    }

    @ExceptionHandler
    ProblemDetail clientFailed(InspectionClientException e) {
        return problem(HttpStatusCode.valueOf(e.status()), e.title(), e.getMessage());
    }

    /** A parameter of the wrong type ({@code limit=ten}): Spring's 400, plus the {@code field} it concerns. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleTypeMismatch(ex, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setProperty("field", ex instanceof MethodArgumentTypeMismatchException m ? m.getName()
                    : ex.getPropertyName());
        }
        return response;
    }

    /** The 400 answer to an {@link InvalidParameterException}, for hosts that refuse their own input alike. */
    public static ProblemDetail invalid(InvalidParameterException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
        problem.setProperty("field", e.field());
        return problem;
    }

    /** A problem with this status, title and detail. */
    public static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
