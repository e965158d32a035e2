package io.sagashop.order.api;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies an order. {@link #toString()} is the raw value, because Axon routes commands and
 * associates sagas by that string, and catalog and payment carry it as a plain {@code orderId}.
 *
 * @param value the raw identifier, never blank
 */
public record OrderId(String value) {

    public OrderId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("an order id must not be blank");
        }
    }

    /** A new random order id. */
    public static OrderId generate() {
        return new OrderId(UUID.randomUUID().toString());
    }

    /** Wraps a raw identifier. */
    public static OrderId of(String value) {
        return new OrderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
