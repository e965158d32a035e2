package io.sagashop.catalog.api;

/**
 * Units an order had bought came back to available stock (the order was cancelled after
 * confirmation): sold goes down and available goes up by {@code quantity}.
 *
 * @param productId the product
 * @param orderId   the order
 * @param quantity  units returned
 */
public record StockReturned(ProductId productId, String orderId, int quantity) {
}
