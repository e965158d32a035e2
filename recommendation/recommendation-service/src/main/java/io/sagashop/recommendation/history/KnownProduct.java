package io.sagashop.recommendation.history;

/**
 * A product as the catalog last announced it.
 *
 * @param productId    the product
 * @param name         display name
 * @param category     category
 * @param discontinued taken out of sale
 */
public record KnownProduct(String productId, String name, String category, boolean discontinued) {
}
