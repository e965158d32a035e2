package io.sagashop.payment.api;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one payment; also the idempotency key every gateway call carries.
 *
 * @param value the raw id; {@link #toString()} returns it, so Axon routes by it
 */
public record PaymentId(String value) {

    public PaymentId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("payment id must not be blank");
        }
    }

    /** A fresh random id. */
    public static PaymentId random() {
        return new PaymentId(UUID.randomUUID().toString());
    }

    /** The raw value parsed back from a string, e.g. a URL path. */
    public static PaymentId of(String value) {
        return new PaymentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
