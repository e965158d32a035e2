package io.sagashop.payment.api;

/**
 * How the customer pays. Never a card number: a card is known here only by the token the
 * provider issued when the customer's browser sent it the card details (client-side
 * tokenization), with its brand and last four digits for display.
 *
 * @param type  card or wallet
 * @param token the provider's reference for the instrument: a card token ({@code tok_…}) or a
 *              wallet id. A value that looks like a card number is refused wherever it enters
 *              the shop (see {@link CardNumbers}).
 * @param brand the card's brand as the provider reported it (e.g. {@code visa}); {@code null}
 *              for wallets and when unknown
 * @param last4 the card's last four digits as the provider reported them; {@code null} for
 *              wallets and when unknown
 */
public record PaymentMethod(PaymentMethodType type, String token, String brand, String last4) {

    // One constructor only: with a second one, Jackson's creator detection in the services'
    // serializer picked it and refused the stored brand and last four of OrderPlaced.

    /** A card payment with the given provider token, brand and last four digits unknown. */
    public static PaymentMethod card(String token) {
        return new PaymentMethod(PaymentMethodType.CARD, token, null, null);
    }

    /** A card payment with the given provider token and what the provider said about the card. */
    public static PaymentMethod card(String token, String brand, String last4) {
        return new PaymentMethod(PaymentMethodType.CARD, token, brand, last4);
    }

    /** A wallet payment from the given wallet id. */
    public static PaymentMethod wallet(String walletId) {
        return new PaymentMethod(PaymentMethodType.WALLET, walletId, null, null);
    }
}
