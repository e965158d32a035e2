package io.sagashop.catalog.search;

import io.sagashop.catalog.api.ProductSortField;
import io.sagashop.catalog.api.SearchProductsQuery;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;

/** Turns a {@link SearchProductsQuery} into a JPA specification and a page request. */
record ProductSearch(Specification<ProductEntry> specification, Pageable pageable) {

    static final int MAX_PAGE_SIZE = 100;
    /**
     * The last page one may ask for. Paging skips rows with an SQL offset, which the database
     * reads and throws away: a page far beyond the last product costs time, and beyond
     * {@code Integer.MAX_VALUE} rows the offset does not even fit JPA's int. 10 000 pages of 100
     * reach the millionth product; narrow the search to go further.
     */
    static final int MAX_PAGE = 10_000;

    static ProductSearch of(SearchProductsQuery q) {
        if (q.page() < 0 || q.page() > MAX_PAGE) {
            throw new IllegalArgumentException("page must be between 0 and " + MAX_PAGE);
        }
        if (q.size() < 1 || q.size() > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        return new ProductSearch(specification(q), PageRequest.of(q.page(), q.size(), sort(q)));
    }

    private static Specification<ProductEntry> specification(SearchProductsQuery q) {
        List<String> words = words(q.text());
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.isFalse(root.get("discontinued")));
            for (String word : words) {
                String pattern = "%" + escape(word) + "%";
                where.add(cb.or(cb.like(cb.lower(root.get("name")), pattern, '\\'),
                        cb.like(cb.lower(root.get("description")), pattern, '\\')));
            }
            if (q.category() != null && !q.category().isBlank()) {
                where.add(cb.equal(root.get("category"), q.category()));
            }
            if (q.minPrice() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("price"), q.minPrice()));
            }
            if (q.maxPrice() != null) {
                where.add(cb.lessThanOrEqualTo(root.get("price"), q.maxPrice()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    private static Sort sort(SearchProductsQuery q) {
        ProductSortField field = q.sortBy() == null ? ProductSortField.NAME : q.sortBy();
        Sort.Direction direction = q.descending() ? Sort.Direction.DESC : Sort.Direction.ASC;
        Sort primary = switch (field) {
            case NAME -> Sort.by(direction, "name");
            case PRICE -> Sort.by(direction, "price");
            case CATEGORY -> Sort.by(direction, "category", "name");
            case SKU -> Sort.by(direction, "sku");
            case CREATED -> Sort.by(direction, "createdAt");
        };
        // A unique tie-breaker keeps pages stable when many products share a sort value.
        return primary.and(Sort.by(Sort.Direction.ASC, "productId"));
    }

    static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.trim().toLowerCase(Locale.ROOT).split("\\s+"));
    }

    private static String escape(String word) {
        return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
