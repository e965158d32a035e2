package io.sagashop.catalog.api;

/**
 * Units of one product held for one order, neither released nor committed yet.
 *
 * @param orderId  the order
 * @param quantity units held
 */
public record OpenReservationView(String orderId, int quantity) {
}
