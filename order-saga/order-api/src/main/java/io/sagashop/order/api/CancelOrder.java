package io.sagashop.order.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the saga once a requested cancellation is compensated: the order ends cancelled.
 * A repeat on a cancelled order changes nothing.
 *
 * @param orderId the order
 */
public record CancelOrder(@TargetAggregateIdentifier OrderId orderId) {
}
