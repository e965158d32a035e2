package io.sagashop.order.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The customer (or an admin) asks to cancel an order. Accepted before a final state (the saga
 * voids and releases) and on a confirmed order (the saga refunds and restocks); refused on a
 * rejected or cancelled order (409). A repeat while the cancellation runs changes nothing.
 *
 * @param orderId     the order
 * @param requestedBy user id of who asked
 * @param reason      why, free text (may be empty)
 */
public record RequestOrderCancellation(@TargetAggregateIdentifier OrderId orderId, String requestedBy, String reason) {
}
