package io.sagashop.user.api;

import java.util.Objects;
import org.axonframework.common.IdentifierFactory;

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

    /** A new user id, from Axon's identifier factory (time-ordered in the services: TimeOrderedIdentifierFactory). */
    public static UserId random() {
        return new UserId(IdentifierFactory.getInstance().generateIdentifier());
    }

    @Override
    public String toString() {
        return value;
    }
}
