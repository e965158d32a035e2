package io.sagashop.order.saga;

/** Where one order line stands at the catalog, as far as the saga knows. */
enum LineStatus {
    /** ReserveStock sent, no answer yet. */
    PENDING,
    /** Units held for the order. */
    RESERVED,
    /** The catalog refused to hold units. */
    REJECTED,
    /** ReleaseStock sent for a reservation; waiting for StockReleased. */
    RELEASING,
    /** The reservation went back to available stock. */
    RELEASED,
    /**
     * No answer came before the order deadline: a ReleaseStock was sent just in case and the saga
     * no longer waits for this line; a reservation that still arrives is released at once.
     */
    ABANDONED,
    /** CommitStock sent; waiting for StockCommitted. */
    COMMITTING,
    /** Units sold. */
    COMMITTED,
    /** ReturnStock sent after a cancellation of the confirmed order; waiting for StockReturned. */
    RETURNING,
    /** Sold units came back to stock. */
    RETURNED
}
