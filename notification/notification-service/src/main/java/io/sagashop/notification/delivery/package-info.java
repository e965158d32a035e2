/**
 * Sending each order outcome to its customer once per channel: the event handlers, the delivery
 * record ({@code delivery}, unique per order, outcome and channel), the e-mail channel and the
 * retries with backoff before an event is handed to the dead-letter queue.
 */
package io.sagashop.notification.delivery;
