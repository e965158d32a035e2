package io.sagashop.recommendation.history;

import java.util.List;
import java.util.Map;

/**
 * What the ranking needs for one question: the purchases of every customer who bought one of the
 * products in question (or of the customer asking), the products they and the customer's
 * favourite categories name, and those favourite categories.
 *
 * @param products            known products by id
 * @param purchases           distinct (customer, product) pairs
 * @param favouriteCategories the asking customer's favourite categories in their order; empty without a customer
 */
public record Evidence(Map<String, KnownProduct> products, List<Purchase> purchases, List<String> favouriteCategories) {

    public Evidence {
        products = Map.copyOf(products);
        purchases = List.copyOf(purchases);
        favouriteCategories = List.copyOf(favouriteCategories);
    }
}
