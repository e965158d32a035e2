package io.sagashop.catalog.api;

/**
 * Units of a product were received into available stock.
 *
 * @param productId the product
 * @param quantity  units received
 */
public record ProductRestocked(ProductId productId, int quantity) {
}
