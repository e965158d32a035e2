package io.sagashop.order.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator ends the order's saga without further steps (dashboard action, the last resort
 * for a saga that cannot make progress). The order keeps its status; the audit will show
 * whatever that leaves inconsistent.
 *
 * @param orderId  the order
 * @param operator who asked
 * @param reason   why
 */
public record EndOrderSaga(@TargetAggregateIdentifier OrderId orderId, String operator, String reason) {
}
