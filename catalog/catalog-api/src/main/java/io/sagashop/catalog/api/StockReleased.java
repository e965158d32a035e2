package io.sagashop.catalog.api;

/**
 * An order's reserved units went back to available stock.
 *
 * @param productId the product
 * @param orderId   the order
 * @param quantity  units released
 */
public record StockReleased(ProductId productId, String orderId, int quantity) {
}
