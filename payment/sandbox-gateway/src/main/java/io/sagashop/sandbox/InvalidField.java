package io.sagashop.sandbox;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A 400 problem+json naming the field that is wrong and why, never repeating its value (the
 * value may be a card number).
 */
final class InvalidField {

    private InvalidField() {
    }

    static ErrorResponseException of(String field, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid " + field);
        problem.setType(URI.create("https://sagashop.io/problems/sandbox/" + code));
        problem.setProperty("field", field);
        problem.setProperty("code", code);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    /** Refuses a card number where the provider takes only tokens (or wallet ids). */
    static void refuseCardNumber(String field, String value) {
        if (CardNumberFormat.looksLikeCardNumber(value)) {
            throw of(field, "card_number_not_accepted",
                    field + " must be a token from POST /card/v1/tokens (or a wallet id), never a card number");
        }
    }
}
