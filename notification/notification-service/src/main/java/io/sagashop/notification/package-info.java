/**
 * The notification service: tells customers about their orders' outcomes by e-mail and SMS,
 * exactly once per order, outcome and channel. Only reacts to events; nobody waits for it.
 */
package io.sagashop.notification;
