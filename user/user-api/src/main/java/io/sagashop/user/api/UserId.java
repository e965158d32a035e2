package io.sagashop.user.api;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a user; the {@code sub} of the user's tokens. {@link #toString()} is the raw value,
 * which Axon uses for routing and aggregate identity.
 *
 * @param value a UUID string
 */
public record UserId(String value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
