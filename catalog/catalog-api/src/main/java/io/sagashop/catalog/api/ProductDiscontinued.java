package io.sagashop.catalog.api;

/**
 * A product was taken out of sale.
 *
 * @param productId the product
 */
public record ProductDiscontinued(ProductId productId) {
}
