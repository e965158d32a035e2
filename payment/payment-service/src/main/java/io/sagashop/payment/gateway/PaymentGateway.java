package io.sagashop.payment.gateway;

import java.math.BigDecimal;

/**
 * One payment provider. Every call carries an idempotency key: the provider answers the same key
 * with the same result and charges (or refunds) at most once.
 */
public interface PaymentGateway {

    /** The name the gateway is configured and recorded under, e.g. {@code card}. */
    String name();

    /**
     * Charges an instrument.
     *
     * @return the provider's answer, approved or declined
     * @throws GatewayNotReachedException when the provider certainly did not process the request
     * @throws GatewayException           when it may or may not have processed it (e.g. a timeout)
     */
    ChargeResult charge(ChargeRequest request);

    /** Refunds a charge in full; same exceptions as {@link #charge(ChargeRequest)}. */
    RefundResult refund(RefundRequest request);

    /**
     * What to charge.
     *
     * @param idempotencyKey the payment id
     * @param amount         the amount, in a currency with two decimals
     * @param currency       ISO 4217 code
     * @param instrument     card token or wallet id
     */
    record ChargeRequest(String idempotencyKey, BigDecimal amount, String currency, String instrument) {
    }

    /**
     * What to refund.
     *
     * @param idempotencyKey   the payment id
     * @param chargeReference  the provider's id of the charge
     */
    record RefundRequest(String idempotencyKey, String chargeReference) {
    }

    /**
     * The provider's answer to a charge.
     *
     * @param gateway     the gateway that answered
     * @param approved    whether the money was taken
     * @param reference   the provider's charge id
     * @param declineCode why it was declined, {@code null} when approved
     */
    record ChargeResult(String gateway, boolean approved, String reference, String declineCode) {
    }

    /**
     * The provider's answer to a refund.
     *
     * @param gateway   the gateway that refunded
     * @param reference the provider's refund id
     */
    record RefundResult(String gateway, String reference) {
    }
}
