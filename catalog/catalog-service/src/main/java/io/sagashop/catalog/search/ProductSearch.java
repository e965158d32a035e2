package io.sagashop.catalog.search;

import io.sagashop.catalog.api.ProductSortField;
import io.sagashop.catalog.api.SearchProductsQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A {@link SearchProductsQuery} as SQL over {@code product_entry}: the WHERE clause with its
 * parameters, the ORDER BY, and which page.
 *
 * @param where   the conditions, joined by AND (never empty: discontinued products are not listed)
 * @param params  the values of the conditions' placeholders, in order
 * @param orderBy the sort columns, ending with the product id
 * @param page    zero-based page number
 * @param size    products per page
 */
record ProductSearch(String where, List<Object> params, String orderBy, int page, int size) {

    static final int MAX_PAGE_SIZE = 100;
    /**
     * The last page one may ask for. Paging skips rows with an SQL offset, which the database
     * reads and throws away: a page far beyond the last product costs time for nothing. 10 000
     * pages of 100 reach the millionth product; narrow the search to go further.
     */
    static final int MAX_PAGE = 10_000;

    /**
     * The escape character of the LIKE patterns. Not a backslash: MariaDB reads one in a string
     * literal as an escape and H2 does not, so no literal backslash means the same to both.
     */
    private static final char ESCAPE = '!';

    ProductSearch {
        params = List.copyOf(params);
    }

    static ProductSearch of(SearchProductsQuery q) {
        if (q.page() < 0 || q.page() > MAX_PAGE) {
            throw new IllegalArgumentException("page must be between 0 and " + MAX_PAGE);
        }
        if (q.size() < 1 || q.size() > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        StringJoiner where = new StringJoiner(" AND ");
        List<Object> params = new ArrayList<>();
        where.add("discontinued = false");
        for (String word : words(q.text())) {
            String pattern = "%" + escape(word) + "%";
            where.add("(lower(name) LIKE ? ESCAPE '" + ESCAPE + "' OR lower(description) LIKE ? ESCAPE '" + ESCAPE + "')");
            params.add(pattern);
            params.add(pattern);
        }
        if (q.category() != null && !q.category().isBlank()) {
            where.add("category = ?");
            params.add(q.category());
        }
        if (q.minPrice() != null) {
            where.add("price >= ?");
            params.add(q.minPrice());
        }
        if (q.maxPrice() != null) {
            where.add("price <= ?");
            params.add(q.maxPrice());
        }
        return new ProductSearch(where.toString(), params, orderBy(q), q.page(), q.size());
    }

    /** Rows skipped before this page; a long, so that no page size times page number overflows. */
    long offset() {
        return (long) page * size;
    }

    private static String orderBy(SearchProductsQuery q) {
        ProductSortField field = q.sortBy() == null ? ProductSortField.NAME : q.sortBy();
        String direction = q.descending() ? " DESC" : " ASC";
        String primary = switch (field) {
            case NAME -> "name" + direction;
            case PRICE -> "price" + direction;
            case CATEGORY -> "category" + direction + ", name" + direction;
            case SKU -> "sku" + direction;
            case CREATED -> "created_at" + direction;
        };
        // A unique tie-breaker keeps pages stable when many products share a sort value.
        return primary + ", product_id ASC";
    }

    static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.trim().toLowerCase(Locale.ROOT).split("\\s+"));
    }

    private static String escape(String word) {
        return word.replace("" + ESCAPE, "" + ESCAPE + ESCAPE).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_");
    }
}
