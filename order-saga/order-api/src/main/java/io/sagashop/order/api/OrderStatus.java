package io.sagashop.order.api;

/**
 * Where an order stands: {@code PLACED → STOCK_RESERVED → PAYMENT_PENDING → CONFIRMED}, or
 * {@code REJECTED} (reason recorded), or {@code CANCELLED}. The last three are final.
 */
public enum OrderStatus {
    /** Accepted and priced; the saga is reserving stock. */
    PLACED,
    /** Every line is reserved; payment is about to be requested. */
    STOCK_RESERVED,
    /** Payment was requested; the gateway has not answered yet. */
    PAYMENT_PENDING,
    /** Paid, stock sold. */
    CONFIRMED,
    /** Refused or failed; nothing is held and no money is kept. */
    REJECTED,
    /** Cancelled by its customer; nothing is held and no money is kept. */
    CANCELLED;

    /** Whether the order can no longer change state through the saga. */
    public boolean isFinal() {
        return this == CONFIRMED || this == REJECTED || this == CANCELLED;
    }
}
