package io.sagashop.order.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator asks the saga to send its current step's commands again now (dashboard action).
 * Refused on a final order.
 *
 * @param orderId  the order
 * @param operator who asked
 */
public record RetryOrderStep(@TargetAggregateIdentifier OrderId orderId, String operator) {
}
