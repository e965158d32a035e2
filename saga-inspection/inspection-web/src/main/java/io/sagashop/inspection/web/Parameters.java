package io.sagashop.inspection.web;

import io.sagashop.inspection.api.SagaState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** Checks of request input; each refusal names the field. Public for hosts that check alike. */
public final class Parameters {

    /** The longest saga type, saga id, key or reason accepted: longer is a mistake or an attack. */
    public static final int MAX_TEXT = 200;
    /** The longest reason an operator gives for an action. */
    public static final int MAX_REASON = 500;

    private Parameters() {
    }

    /** {@code value} when between 1 and {@code max}. */
    public static int limit(String field, int value, int max) {
        if (value < 1 || value > max) {
            throw new InvalidParameterException(field, field + " must be between 1 and " + max + ", not " + value);
        }
        return value;
    }

    /** An ISO-8601 instant, or null when blank. */
    public static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(field, field + " must be an ISO-8601 instant like 2026-11-26T10:00:00Z, "
                    + "not '" + value + "'");
        }
    }

    /** A saga state by name, or null when blank. */
    public static SagaState state(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return SagaState.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(field, field + " must be one of "
                    + Arrays.toString(SagaState.values()) + ", not '" + value + "'");
        }
    }

    /** Stripped text of at most {@link #MAX_TEXT} characters, or null when blank. */
    public static String optionalText(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return text(field, value);
    }

    /** Stripped, non-blank text of at most {@link #MAX_TEXT} characters. */
    public static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(field, field + " is required");
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidParameterException(field, field + " must be at most " + MAX_TEXT + " characters");
        }
        return value.strip();
    }
}
