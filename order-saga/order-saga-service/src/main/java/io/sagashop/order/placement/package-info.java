/**
 * Taking orders over HTTP: {@code POST /orders} (validation, prices from the catalog, the
 * Idempotency-Key) and {@code POST /orders/{id}/cancel}; both only send commands to the Order
 * aggregate.
 */
package io.sagashop.order.placement;
