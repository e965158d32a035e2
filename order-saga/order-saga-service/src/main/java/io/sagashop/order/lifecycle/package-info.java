/**
 * The Order aggregate: the one place that decides which status changes are allowed. The saga
 * and the HTTP layer only send it commands.
 */
package io.sagashop.order.lifecycle;
