/**
 * Suggestions: the scoring over the evidence the history gives, the Axon query handler for
 * {@code FindRecommendationsQuery}, and {@code GET /recommendations}.
 */
package io.sagashop.recommendation.ranking;
