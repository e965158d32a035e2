package io.sagashop.catalog.api;

import java.util.List;

/**
 * One page of a {@link SearchProductsQuery}'s answer.
 *
 * @param items      the products on this page
 * @param page       zero-based page number
 * @param size       the page size asked for
 * @param totalItems products matching across all pages
 * @param totalPages number of pages
 */
public record ProductPage(List<ProductView> items, int page, int size, long totalItems,
                          int totalPages) {

    public ProductPage {
        items = List.copyOf(items);
    }
}
