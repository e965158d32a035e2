package io.sagashop.catalog.api;

/**
 * An order's reserved units are sold.
 *
 * @param productId the product
 * @param orderId   the order
 * @param quantity  units sold
 */
public record StockCommitted(ProductId productId, String orderId, int quantity) {
}
