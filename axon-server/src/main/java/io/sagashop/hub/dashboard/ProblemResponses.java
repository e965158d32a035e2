package io.sagashop.hub.dashboard;

import io.sagashop.hub.platform.InstructionNotApplicableException;
import io.sagashop.hub.platform.UnknownTargetException;
import io.sagashop.inspection.web.InspectionProblems;
import io.sagashop.inspection.web.InvalidParameterException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 7807 problem+json for every refusal of the hub's own HTTP API (the saga pages' API answers
 * through {@link InspectionProblems}); Spring's base class covers malformed requests (400).
 */
@RestControllerAdvice(basePackageClasses = ProblemResponses.class)
class ProblemResponses extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail unknownTarget(UnknownTargetException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notApplicable(InstructionNotApplicableException e) {
        return problem(HttpStatus.CONFLICT, "Instruction not applicable", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail badParameter(InvalidParameterException e) {
        return InspectionProblems.invalid(e);
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

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        return InspectionProblems.problem(status, title, detail);
    }
}
