package io.sagashop.recommendation.ranking;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.recommendation.api.RecommendationView;
import io.sagashop.recommendation.history.Evidence;
import io.sagashop.recommendation.history.KnownProduct;
import io.sagashop.recommendation.history.Purchase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scoring, kept simple so that anyone can check an answer by hand (README, "Scoring"):
 * <ul>
 *   <li>the <em>anchors</em> are the given product and every product the customer bought;</li>
 *   <li>a candidate earns one point per (anchor, customer) pair where that customer bought both
 *       the anchor and the candidate, and {@value #FAVOURITE_CATEGORY_POINTS} points when it is in
 *       one of the customer's favourite categories;</li>
 *   <li>anchors, everything the customer bought, discontinued and unknown products, and
 *       candidates without points are left out;</li>
 *   <li>best first by points, ties by product id, so the same evidence always gives the same list.</li>
 * </ul>
 * Pure: no I/O, no clock.
 */
final class Ranking {

    static final int FAVOURITE_CATEGORY_POINTS = 2;

    private static final Comparator<RecommendationView> BEST_FIRST = Comparator
            .comparingInt(RecommendationView::score).reversed()
            .thenComparing(view -> view.productId().value());

    private Ranking() {
    }

    /**
     * @param customerId the customer asking, or {@code null}
     * @param productId  the product the suggestions go with, or {@code null}
     */
    static List<RecommendationView> rank(Evidence evidence, String customerId, String productId, int limit) {
        Map<String, Set<String>> buyers = new HashMap<>();
        for (Purchase purchase : evidence.purchases()) {
            buyers.computeIfAbsent(purchase.productId(), id -> new HashSet<>()).add(purchase.customerId());
        }
        // Sorted, so that equally strong anchors are named in a stable order.
        Set<String> anchors = new TreeSet<>();
        if (customerId != null) {
            buyers.forEach((product, who) -> {
                if (who.contains(customerId)) {
                    anchors.add(product);
                }
            });
        }
        if (productId != null) {
            anchors.add(productId);
        }
        Set<String> favourites = new HashSet<>();
        evidence.favouriteCategories().forEach(category -> favourites.add(normalised(category)));

        Set<String> candidates = new TreeSet<>(buyers.keySet());
        candidates.addAll(evidence.products().keySet());
        candidates.removeAll(anchors);

        List<RecommendationView> ranked = new ArrayList<>();
        for (String candidate : candidates) {
            KnownProduct product = evidence.products().get(candidate);
            if (product == null || product.discontinued()) {
                continue;
            }
            Set<String> candidateBuyers = buyers.getOrDefault(candidate, Set.of());
            List<Together> together = new ArrayList<>();
            for (String anchor : anchors) {
                int customers = sharedBuyers(buyers.getOrDefault(anchor, Set.of()), candidateBuyers);
                if (customers > 0) {
                    together.add(new Together(anchor, customers));
                }
            }
            boolean favourite = favourites.contains(normalised(product.category()));
            int score = together.stream().mapToInt(Together::customers).sum()
                    + (favourite ? FAVOURITE_CATEGORY_POINTS : 0);
            if (score > 0) {
                ranked.add(new RecommendationView(ProductId.of(candidate), product.name(), product.category(), score,
                        explanation(together, favourite, product, evidence.products())));
            }
        }
        ranked.sort(BEST_FIRST);
        return ranked.size() > limit ? List.copyOf(ranked.subList(0, limit)) : List.copyOf(ranked);
    }

    private static int sharedBuyers(Set<String> anchorBuyers, Set<String> candidateBuyers) {
        int shared = 0;
        for (String customer : candidateBuyers) {
            if (anchorBuyers.contains(customer)) {
                shared++;
            }
        }
        return shared;
    }

    /** Names the strongest anchor (the first one on a tie, anchors being sorted), then the rest by count. */
    private static String explanation(List<Together> together, boolean favourite, KnownProduct product,
            Map<String, KnownProduct> products) {
        List<String> reasons = new ArrayList<>();
        if (!together.isEmpty()) {
            Together strongest = together.get(0);
            for (Together other : together) {
                if (other.customers() > strongest.customers()) {
                    strongest = other;
                }
            }
            KnownProduct anchor = products.get(strongest.productId());
            String reason = "bought together with " + (anchor == null ? strongest.productId() : anchor.name())
                    + " by " + count(strongest.customers(), "customer");
            if (together.size() > 1) {
                reason += " and with " + count(together.size() - 1, "other product");
            }
            reasons.add(reason);
        }
        if (favourite) {
            reasons.add("in your favourite category " + product.category());
        }
        return String.join("; ", reasons);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String normalised(String category) {
        return category == null ? "" : category.trim().toLowerCase(Locale.ROOT);
    }

    /** How many customers bought an anchor together with the candidate. */
    private record Together(String productId, int customers) {
    }
}
