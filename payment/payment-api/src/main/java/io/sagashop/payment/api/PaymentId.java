package io.sagashop.payment.api;

import java.util.Objects;
import org.axonframework.common.IdentifierFactory;

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

    /** A fresh id, from Axon's identifier factory (time-ordered in the services: TimeOrderedIdentifierFactory). */
    public static PaymentId random() {
        return new PaymentId(IdentifierFactory.getInstance().generateIdentifier());
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
