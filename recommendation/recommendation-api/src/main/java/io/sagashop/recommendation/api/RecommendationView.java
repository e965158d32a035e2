package io.sagashop.recommendation.api;

import io.sagashop.catalog.api.ProductId;

/**
 * One suggested product.
 *
 * @param productId   the product
 * @param name        its display name, as the catalog last announced it
 * @param category    its category
 * @param score       how strongly it is suggested (higher is better); how it is computed is
 *                    described in the service's README
 * @param explanation why it is suggested, for people, e.g. "bought together with Kettle by 2 customers"
 */
public record RecommendationView(ProductId productId, String name, String category, int score,
                                 String explanation) {
}
