package io.sagashop.recommendation.ranking;

import io.sagashop.platform.DomainError;
import io.sagashop.recommendation.api.FindRecommendationsQuery;

/**
 * What a question must satisfy, checked the same way for HTTP callers (before anything is asked)
 * and for query-bus callers (whose refusal travels back through the hub as a DomainError).
 */
final class RecommendationRules {

    static final int DEFAULT_LIMIT = 10;

    private RecommendationRules() {
    }

    static void check(FindRecommendationsQuery query) {
        if (blank(query.customerId()) && query.productId() == null) {
            throw DomainError.invalid("customer-or-product-needed", "customerId",
                    "give a customerId, a productId, or both").exception();
        }
        if (query.limit() < 1 || query.limit() > FindRecommendationsQuery.MAX_LIMIT) {
            throw DomainError.invalid("limit-out-of-range", "limit",
                    "must be between 1 and " + FindRecommendationsQuery.MAX_LIMIT).exception();
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
