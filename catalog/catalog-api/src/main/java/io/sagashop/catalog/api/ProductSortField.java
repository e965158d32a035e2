package io.sagashop.catalog.api;

/** What a {@link SearchProductsQuery} can sort by. */
public enum ProductSortField {
    /** Display name, alphabetically. */
    NAME,
    /** Unit price. */
    PRICE,
    /** Category, then name. */
    CATEGORY,
    /** Stock keeping unit. */
    SKU,
    /** When the product was added. */
    CREATED
}
