package io.sagashop.recommendation.history;

/**
 * A customer bought a product (in at least one confirmed, not cancelled order).
 *
 * @param customerId the customer
 * @param productId  the product
 */
public record Purchase(String customerId, String productId) {
}
