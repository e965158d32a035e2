package io.sagashop.inspection.web;

/**
 * A request parameter or body field the API cannot use: answered 400 problem+json with a
 * {@code field} property naming it, so a page can mark the input and a script can tell which.
 * Public so a host's own controllers can refuse input the same way.
 */
public class InvalidParameterException extends RuntimeException {

    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
