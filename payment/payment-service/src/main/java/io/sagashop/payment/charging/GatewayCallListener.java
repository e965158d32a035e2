package io.sagashop.payment.charging;

import io.sagashop.payment.api.PaymentId;

/**
 * Told right after a gateway answered and before the answer is sent to the aggregate: the
 * window a crash would hit. The default does nothing; tests use it to stop the service there.
 */
public interface GatewayCallListener {

    /** Does nothing. */
    GatewayCallListener NONE = (paymentId, operation) -> { };

    /**
     * @param paymentId the payment whose gateway call just returned
     * @param operation {@code charge} or {@code refund}
     */
    void answered(PaymentId paymentId, String operation);
}
