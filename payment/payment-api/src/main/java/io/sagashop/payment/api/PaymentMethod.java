package io.sagashop.payment.api;

/**
 * How the customer pays.
 *
 * @param type  card or wallet
 * @param token the provider's reference for the instrument: a card token or a wallet id. In the
 *              sandbox these are the documented test card numbers and wallet ids; a real card
 *              number must never reach this service (it would then fall under PCI DSS).
 */
public record PaymentMethod(PaymentMethodType type, String token) {

    /** A card payment with the given card token. */
    public static PaymentMethod card(String token) {
        return new PaymentMethod(PaymentMethodType.CARD, token);
    }

    /** A wallet payment from the given wallet id. */
    public static PaymentMethod wallet(String walletId) {
        return new PaymentMethod(PaymentMethodType.WALLET, walletId);
    }
}
