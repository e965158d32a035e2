package io.sagashop.catalog.api;

/** Why a {@link ReserveStock} was refused. */
public enum StockRejectionReason {
    /** Fewer units are available than asked for. */
    INSUFFICIENT_STOCK,
    /** The product is no longer sold. */
    DISCONTINUED,
    /** No product has that id. */
    UNKNOWN_PRODUCT,
    /** The order's reservation of this product was released before it was made: the order is over. */
    ORDER_RELEASED
}
