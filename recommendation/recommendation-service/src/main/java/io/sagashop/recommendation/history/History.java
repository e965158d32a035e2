package io.sagashop.recommendation.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the views for one question. Only the customers who share a product with the question are
 * loaded, not the whole purchase table: co-purchases can come from nowhere else.
 */
@Component
public class History {

    private final JdbcClient db;

    History(JdbcClient db) {
        this.db = db;
    }

    /**
     * The evidence for suggestions to a customer, for a product, or both.
     *
     * @param customerId the customer, or {@code null}
     * @param productId  the product, or {@code null}
     */
    @Transactional(readOnly = true)
    public Evidence evidenceFor(String customerId, String productId) {
        Set<String> anchors = new LinkedHashSet<>();
        if (customerId != null) {
            anchors.addAll(db.sql("SELECT DISTINCT product_id FROM purchase WHERE customer_id = ?")
                    .param(customerId).query(String.class).list());
        }
        if (productId != null) {
            anchors.add(productId);
        }
        List<Purchase> purchases = anchors.isEmpty() ? List.of() : db.sql("""
                        SELECT DISTINCT customer_id, product_id FROM purchase
                        WHERE customer_id IN (SELECT customer_id FROM purchase WHERE product_id IN (:anchors))""")
                .param("anchors", anchors)
                .query((row, n) -> new Purchase(row.getString("customer_id"), row.getString("product_id")))
                .list();
        List<String> favourites = customerId == null ? List.of()
                : db.sql("SELECT category FROM favourite_category WHERE customer_id = ? ORDER BY position")
                        .param(customerId).query(String.class).list();

        Set<String> productIds = new LinkedHashSet<>(anchors);
        purchases.forEach(purchase -> productIds.add(purchase.productId()));
        return new Evidence(products(productIds, favourites), purchases, favourites);
    }

    private Map<String, KnownProduct> products(Set<String> ids, List<String> categories) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (!ids.isEmpty()) {
            conditions.add("product_id IN (:ids)");
            params.put("ids", ids);
        }
        if (!categories.isEmpty()) {
            // Favourites match ignoring case, as the ranking compares them; the catalog is small
            // enough that the lost index on category does not matter.
            conditions.add("LOWER(category) IN (:categories)");
            params.put("categories", categories.stream().map(category -> category.toLowerCase(Locale.ROOT)).toList());
        }
        if (conditions.isEmpty()) {
            return Map.of();
        }
        Map<String, KnownProduct> products = new HashMap<>();
        db.sql("SELECT product_id, name, category, discontinued FROM known_product WHERE "
                        + String.join(" OR ", conditions))
                .params(params)
                .query((row, n) -> new KnownProduct(row.getString("product_id"), row.getString("name"),
                        row.getString("category"), row.getBoolean("discontinued")))
                .list()
                .forEach(product -> products.put(product.productId(), product));
        return products;
    }
}
