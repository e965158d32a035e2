package io.sagashop.hub.dashboard;

/** A request parameter the dashboard API cannot use: 400 problem+json naming the field. */
class BadParameterException extends RuntimeException {

    private final String field;

    BadParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
