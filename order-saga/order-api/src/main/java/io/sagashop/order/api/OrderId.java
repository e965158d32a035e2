package io.sagashop.order.api;

import java.util.Objects;
import org.axonframework.common.IdentifierFactory;

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

    /** A new order id, from Axon's identifier factory (time-ordered in the services: TimeOrderedIdentifierFactory). */
    public static OrderId generate() {
        return new OrderId(IdentifierFactory.getInstance().generateIdentifier());
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
