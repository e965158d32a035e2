package io.sagashop.catalog.api;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a product. {@link #toString()} is the raw value, because Axon routes commands and
 * associates sagas by that string.
 *
 * @param value the raw identifier, never blank
 */
public record ProductId(String value) {

    public ProductId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a product id must not be blank");
        }
    }

    /** A new random product id. */
    public static ProductId generate() {
        return new ProductId(UUID.randomUUID().toString());
    }

    /** Wraps a raw identifier. */
    public static ProductId of(String value) {
        return new ProductId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
