/**
 * What customers and admins see of orders: the {@code order-tracking} projection (status, lines,
 * payment, timeline), its queries, {@code GET /orders} and the live status stream.
 */
package io.sagashop.order.tracking;
