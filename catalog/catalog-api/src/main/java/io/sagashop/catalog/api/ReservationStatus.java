package io.sagashop.catalog.api;

/** Where one order's reservation of one product stands. */
public enum ReservationStatus {
    /** The order never held a reservation of this product. */
    NONE,
    /** Units are held for the order. */
    RESERVED,
    /** The reservation was refused. */
    REJECTED,
    /** Held units went back to available stock, or the order was released before it reserved. */
    RELEASED,
    /** Held units were sold. */
    COMMITTED,
    /** Sold units came back to available stock (the order was cancelled after confirmation). */
    RETURNED
}
