package io.sagashop.order.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator asks the saga to compensate now and reject the order (dashboard action). Refused
 * on a final order.
 *
 * @param orderId  the order
 * @param operator who asked
 * @param reason   why
 */
public record CompensateOrder(@TargetAggregateIdentifier OrderId orderId, String operator, String reason) {
}
