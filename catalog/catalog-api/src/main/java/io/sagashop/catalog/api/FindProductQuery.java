package io.sagashop.catalog.api;

/**
 * Asks for one product's detail. Answered with a {@link ProductView}, or {@code null} when there
 * is no such product (ask with {@code ResponseTypes.optionalInstanceOf(ProductView.class)}).
 *
 * @param productId the product
 */
public record FindProductQuery(ProductId productId) {
}
