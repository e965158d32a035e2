/**
 * The notification service's wire contract: the query the dashboard, the e2e tests and other
 * services may send through the hub to learn which notifications went out, and the views it
 * answers with. The service publishes no events and handles no commands; it only reacts to the
 * order outcome events of {@code io.sagashop.order.api} and keeps contact details from
 * {@code io.sagashop.user.api}'s events.
 */
package io.sagashop.notification.api;
