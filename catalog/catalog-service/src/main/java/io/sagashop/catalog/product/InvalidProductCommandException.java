package io.sagashop.catalog.product;

/** A caller mistake in a command's content (a 400), naming the offending field. */
public class InvalidProductCommandException extends IllegalArgumentException {

    private final String field;

    InvalidProductCommandException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The command field that is wrong. */
    public String field() {
        return field;
    }
}
