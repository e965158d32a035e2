package io.sagashop.recommendation.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.recommendation.api.RecommendationView;
import io.sagashop.recommendation.history.Evidence;
import io.sagashop.recommendation.history.KnownProduct;
import io.sagashop.recommendation.history.Purchase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A small shop whose best answers can be worked out by hand:
 * <pre>
 * alice: kettle teapot mug        dave:  kettle book
 * bob:   kettle teapot            erin:  teapot toaster   (favourite category: Books)
 * carol: kettle mug lamp          frank: kettle teapot
 * </pre>
 * The lamp is discontinued.
 */
class RankingTest {

    private static final Map<String, KnownProduct> PRODUCTS = Stream.of(
                    product("kettle", "Kettle", "Kitchen"),
                    product("teapot", "Teapot", "Kitchen"),
                    product("mug", "Mug", "Kitchen"),
                    product("toaster", "Toaster", "Kitchen"),
                    product("book", "Tea book", "Books"),
                    product("atlas", "Atlas", "Books"),
                    new KnownProduct("lamp", "Lamp", "Home", true))
            .collect(Collectors.toMap(KnownProduct::productId, Function.identity()));

    private static final List<Purchase> HISTORY = List.of(
            bought("alice", "kettle"), bought("alice", "teapot"), bought("alice", "mug"),
            bought("bob", "kettle"), bought("bob", "teapot"),
            bought("carol", "kettle"), bought("carol", "mug"), bought("carol", "lamp"),
            bought("dave", "kettle"), bought("dave", "book"),
            bought("erin", "teapot"), bought("erin", "toaster"),
            bought("frank", "kettle"), bought("frank", "teapot"));

    @Test
    void forAProductWhatMostCustomersBoughtWithItComesFirst() {
        List<RecommendationView> ranked = Ranking.rank(evidence(List.of()), null, "kettle", 10);

        assertThat(ranked).extracting(view -> view.productId().value()).containsExactly("teapot", "mug", "book");
        assertThat(ranked).extracting(RecommendationView::score).containsExactly(3, 2, 1);
        assertThat(ranked.get(0).explanation()).isEqualTo("bought together with Kettle by 3 customers");
        assertThat(ranked.get(2).explanation()).isEqualTo("bought together with Kettle by 1 customer");
    }

    @Test
    void discontinuedProductsAreNeverSuggestedHoweverOftenBoughtTogether() {
        List<RecommendationView> ranked = Ranking.rank(evidence(List.of()), null, "mug", 10);

        // carol bought the mug with the lamp, as often as with the kettle
        assertThat(ranked).extracting(view -> view.productId().value()).containsExactly("kettle", "teapot");
    }

    @Test
    void forACustomerCoPurchasesOfWhatTheyBoughtAndTheirFavouriteCategoryRankAndBoughtItemsAreLeftOut() {
        List<RecommendationView> ranked = Ranking.rank(evidence(List.of("books")), "erin", null, 10);

        // kettle: 3 customers bought it with the teapot; the two books: favourite category (2);
        // mug: 1 customer with the teapot. Teapot and toaster: erin has them.
        assertThat(ranked).extracting(view -> view.productId().value())
                .containsExactly("kettle", "atlas", "book", "mug");
        assertThat(ranked).extracting(RecommendationView::score).containsExactly(3, 2, 2, 1);
        assertThat(ranked.get(0).explanation()).isEqualTo("bought together with Teapot by 3 customers");
        assertThat(ranked.get(1).explanation()).isEqualTo("in your favourite category Books");
    }

    @Test
    void pointsFromSeveralPurchasesAddUpAndTheExplanationNamesTheStrongest() {
        // alice has kettle, teapot and mug; what is left for her is the book (dave, via the kettle)
        // and the toaster (erin, via the teapot). Give her a favourite to see the reasons joined.
        List<RecommendationView> ranked = Ranking.rank(evidence(List.of("Kitchen")), "alice", null, 10);

        assertThat(ranked).extracting(view -> view.productId().value()).containsExactly("toaster", "book");
        assertThat(ranked.get(0).score()).isEqualTo(1 + Ranking.FAVOURITE_CATEGORY_POINTS);
        assertThat(ranked.get(0).explanation())
                .isEqualTo("bought together with Teapot by 1 customer; in your favourite category Kitchen");

        List<RecommendationView> forBob = Ranking.rank(evidence(List.of()), "bob", null, 10);
        // mug: alice (with kettle and teapot) and carol (with kettle) → 3 points from two anchors
        assertThat(forBob.get(0).productId().value()).isEqualTo("mug");
        assertThat(forBob.get(0).score()).isEqualTo(3);
        assertThat(forBob.get(0).explanation()).isEqualTo("bought together with Kettle by 2 customers and with 1 other product");
    }

    @Test
    void aCustomerAndAProductTogetherLeaveOutBothTheProductAndWhatTheCustomerBought() {
        List<RecommendationView> ranked = Ranking.rank(evidence(List.of()), "erin", "kettle", 10);

        assertThat(ranked).extracting(view -> view.productId().value())
                .doesNotContain("kettle", "teapot", "toaster")
                .startsWith("mug");
    }

    @Test
    void theLimitCutsTheListAndTiesAreBrokenByProductIdWhateverTheInputOrder() {
        List<Purchase> shuffled = new ArrayList<>(HISTORY);
        Collections.reverse(shuffled);
        Evidence reversed = new Evidence(PRODUCTS, shuffled, List.of("Books"));

        List<RecommendationView> ranked = Ranking.rank(reversed, "erin", null, 2);

        assertThat(ranked).extracting(view -> view.productId().value()).containsExactly("kettle", "atlas");
        assertThat(Ranking.rank(reversed, "erin", null, 10)).isEqualTo(Ranking.rank(evidence(List.of("Books")), "erin", null, 10));
    }

    @Test
    void nothingIsMadeUpWithoutEvidence() {
        assertThat(Ranking.rank(evidence(List.of()), "newcomer", null, 10)).isEmpty();
        assertThat(Ranking.rank(evidence(List.of()), null, "atlas", 10)).isEmpty();
    }

    private static Evidence evidence(List<String> favourites) {
        return new Evidence(PRODUCTS, HISTORY, favourites);
    }

    private static KnownProduct product(String id, String name, String category) {
        return new KnownProduct(id, name, category, false);
    }

    private static Purchase bought(String customer, String product) {
        return new Purchase(customer, product);
    }
}
