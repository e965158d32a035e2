package io.sagashop.recommendation.ranking;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.platform.CurrentUser;
import io.sagashop.platform.DomainError;
import io.sagashop.recommendation.api.FindRecommendationsQuery;
import io.sagashop.recommendation.api.RecommendationListView;
import io.sagashop.recommendation.api.RecommendationView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /recommendations?customerId=&productId=&limit=}. Any signed-in user may ask what goes
 * with a product; suggestions for a customer are for that customer or an admin, since they reveal
 * what the customer bought. Asked through the query bus, like any other consumer would.
 */
@RestController
@RequestMapping("/recommendations")
@Validated
class RecommendationController {

    /** Ids as the other services make them (UUIDs, slugs); empty means "not given". */
    private static final String ID = "[A-Za-z0-9._:-]*";

    private final QueryGateway queries;

    RecommendationController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    Recommendations recommend(
            @RequestParam(required = false) @Size(max = 64) @Pattern(regexp = ID) String customerId,
            @RequestParam(required = false) @Size(max = 64) @Pattern(regexp = ID) String productId,
            @RequestParam(defaultValue = "" + RecommendationRules.DEFAULT_LIMIT)
            @Min(1) @Max(FindRecommendationsQuery.MAX_LIMIT) int limit) {
        var query = new FindRecommendationsQuery(RecommendationRules.blank(customerId) ? null : customerId,
                RecommendationRules.blank(productId) ? null : ProductId.of(productId), limit);
        RecommendationRules.check(query);
        if (query.customerId() != null && !CurrentUser.isSelfOrAdmin(query.customerId())) {
            throw DomainError.forbidden("not-your-recommendations",
                    "suggestions for another customer are for admins only").exception();
        }
        RecommendationListView answer = queries.query(query, RecommendationListView.class).join();
        return new Recommendations(answer.recommendations().stream().map(Item::of).toList());
    }

    /** The HTTP answer: plain string ids instead of the wire types. */
    record Recommendations(List<Item> recommendations) {
    }

    record Item(String productId, String name, String category, int score, String explanation) {
        static Item of(RecommendationView view) {
            return new Item(view.productId().value(), view.name(), view.category(), view.score(), view.explanation());
        }
    }
}
