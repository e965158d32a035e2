package io.sagashop.catalog.api;

import java.math.BigDecimal;

/**
 * Searches the catalog, one page at a time. Answered with a {@link ProductPage}. Every filter is
 * optional ({@code null} means no filter); discontinued products are not listed.
 *
 * @param text       words looked for in name and description, case-insensitively
 * @param category   exact category
 * @param minPrice   lowest unit price, inclusive
 * @param maxPrice   highest unit price, inclusive
 * @param page       zero-based page number
 * @param size       page size, 1 to 100
 * @param sortBy     sort field, {@code null} for {@link ProductSortField#NAME}
 * @param descending whether to sort descending
 */
public record SearchProductsQuery(String text, String category, BigDecimal minPrice,
                                  BigDecimal maxPrice, int page, int size, ProductSortField sortBy,
                                  boolean descending) {
}
