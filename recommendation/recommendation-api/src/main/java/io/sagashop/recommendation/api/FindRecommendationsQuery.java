package io.sagashop.recommendation.api;

import io.sagashop.catalog.api.ProductId;

/**
 * Asks for products to suggest, best first. Give a customer (what to show them), a product (what
 * others bought with it), or both (what to show this customer next to this product).
 * Answered with a {@link RecommendationListView}; a query with neither, or a limit outside
 * {@code 1..50}, is refused with a 400 {@code DomainError} naming the field.
 *
 * @param customerId the customer (a user id), or {@code null}
 * @param productId  the product the suggestions go with, or {@code null}
 * @param limit      how many suggestions at most, 1 to {@value #MAX_LIMIT}
 */
public record FindRecommendationsQuery(String customerId, ProductId productId, int limit) {

    /** The most suggestions one query may ask for. */
    public static final int MAX_LIMIT = 50;

    /** Suggestions for a customer. */
    public static FindRecommendationsQuery forCustomer(String customerId, int limit) {
        return new FindRecommendationsQuery(customerId, null, limit);
    }

    /** What others bought with a product. */
    public static FindRecommendationsQuery forProduct(ProductId productId, int limit) {
        return new FindRecommendationsQuery(null, productId, limit);
    }
}
