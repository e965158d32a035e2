package io.sagashop.payment.gateway;

import java.util.Optional;

/**
 * Remembers, outside the caller's transaction, which gateway may have processed a payment's
 * charge, so that a retry after a crash goes back to that gateway with the same idempotency key
 * instead of failing over and charging twice. Refunds need no entry: they always go to the
 * gateway that captured.
 */
public interface ChargeJournal {

    /** The gateway an earlier attempt may have reached, if any. */
    Optional<String> gatewayFor(String idempotencyKey, Operation operation);

    /**
     * Records, durably and before the call, that this gateway is about to be asked — unless an
     * earlier attempt may have reached a gateway already: then records nothing and answers that
     * one (possibly this very gateway), which the caller must stay with. One transaction where a
     * lookup and a record were two.
     */
    Optional<String> attemptingUnlessPinned(String idempotencyKey, Operation operation, String gateway);

    /** Forgets an attempt that certainly did not reach the gateway. */
    void notReached(String idempotencyKey, Operation operation, String gateway);

    /** The kind of gateway call journaled (a column, so refunds could join later). */
    enum Operation { CHARGE }
}
