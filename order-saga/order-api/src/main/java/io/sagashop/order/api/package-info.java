/**
 * The order service's wire contract: the commands the Order aggregate handles, the events it
 * publishes (other services react to {@link io.sagashop.order.api.OrderConfirmed},
 * {@link io.sagashop.order.api.OrderRejected}, {@link io.sagashop.order.api.OrderCancelled} and
 * {@link io.sagashop.order.api.OrderRefunded}), the order queries and views, the saga inspection
 * queries the dashboard asks, and the consistency audit. Plain records; the class name is the
 * message name on the wire.
 */
package io.sagashop.order.api;
