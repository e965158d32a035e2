package io.sagashop.recommendation.ranking;

import io.sagashop.recommendation.api.FindRecommendationsQuery;
import io.sagashop.recommendation.api.RecommendationListView;
import io.sagashop.recommendation.history.Evidence;
import io.sagashop.recommendation.history.History;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers {@link FindRecommendationsQuery} for anyone on the query bus, this service's HTTP API included. */
@Component
class RecommendationQueryHandler {

    private final History history;

    RecommendationQueryHandler(History history) {
        this.history = history;
    }

    @QueryHandler
    RecommendationListView handle(FindRecommendationsQuery query) {
        RecommendationRules.check(query);
        String customerId = RecommendationRules.blank(query.customerId()) ? null : query.customerId();
        String productId = query.productId() == null ? null : query.productId().value();
        Evidence evidence = history.evidenceFor(customerId, productId);
        return new RecommendationListView(Ranking.rank(evidence, customerId, productId, query.limit()));
    }
}
