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

    /** Records, durably and before the call, that this gateway is about to be asked. */
    void attempting(String idempotencyKey, Operation operation, String gateway);

    /** Forgets an attempt that certainly did not reach the gateway. */
    void notReached(String idempotencyKey, Operation operation, String gateway);

    /** The kind of gateway call journaled (a column, so refunds could join later). */
    enum Operation { CHARGE }
}
