package io.sagashop.order.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the saga after it compensated: the order ends rejected. Refused for a confirmed or
 * cancelled order; a repeat on a rejected order changes nothing.
 *
 * @param orderId the order
 * @param reason  why, as a code
 * @param detail  why, in words (e.g. which product ran out)
 */
public record RejectOrder(@TargetAggregateIdentifier OrderId orderId, RejectionReason reason, String detail) {
}
