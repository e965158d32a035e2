package io.sagashop.order.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the saga once every line is reserved.
 *
 * @param orderId the order
 */
public record MarkOrderStockReserved(@TargetAggregateIdentifier OrderId orderId) {
}
