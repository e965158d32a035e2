package io.sagashop.recommendation.api;

import java.util.List;

/**
 * The answer to {@link FindRecommendationsQuery}: suggestions best first (ties in a stable order),
 * possibly empty. A wrapper, because a bare list loses its element type across the hub.
 *
 * @param recommendations the suggestions, best first
 */
public record RecommendationListView(List<RecommendationView> recommendations) {

    public RecommendationListView {
        recommendations = List.copyOf(recommendations);
    }
}
