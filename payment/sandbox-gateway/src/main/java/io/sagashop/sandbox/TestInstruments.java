package io.sagashop.sandbox;

import java.util.Map;

/**
 * The deterministic test cards and wallet ids, in the style of public payment sandboxes: each
 * number always gives the same outcome. Any other card or wallet id is approved. A card's
 * behaviour is decided when it is tokenized and kept with its token; charges name the token.
 */
final class TestInstruments {

    /** What the simulated issuer says about an instrument. */
    record Behaviour(String declineCode, boolean slow) {

        boolean approved() {
            return declineCode == null;
        }
    }

    private static final Behaviour APPROVE = new Behaviour(null, false);

    private static final Map<String, Behaviour> KNOWN = Map.ofEntries(
            Map.entry("4242424242424242", APPROVE),
            Map.entry("5555555555554444", APPROVE),
            Map.entry("4000000000000002", new Behaviour("card_declined", false)),
            Map.entry("4000000000009995", new Behaviour("insufficient_funds", false)),
            Map.entry("4000000000000069", new Behaviour("expired_card", false)),
            Map.entry("4000000000000341", new Behaviour(null, true)),
            Map.entry("wallet_success", APPROVE),
            Map.entry("wallet_declined", new Behaviour("wallet_declined", false)),
            Map.entry("wallet_insufficient_funds", new Behaviour("insufficient_funds", false)),
            Map.entry("wallet_slow", new Behaviour(null, true)));

    private TestInstruments() {
    }

    /** A charge's instrument as the ledger shows it, and what charging it does. */
    record Resolved(String label, Behaviour behaviour) {
    }

    private static final Behaviour TOKEN_UNKNOWN = new Behaviour("token_unknown", false);

    /** The behaviour of a card number (at tokenization) or a wallet id. */
    static Behaviour of(String numberOrWalletId) {
        return KNOWN.getOrDefault(numberOrWalletId, APPROVE);
    }

    /**
     * What a charge's instrument is: a token's card (brand and last four as label; a token this
     * sandbox never issued, or forgot at a restart, is declined {@code token_unknown}), or a
     * wallet id. Card numbers never get here: the controllers refuse them.
     */
    static Resolved resolve(String instrument, TokenVault vault) {
        if (instrument.startsWith("tok_")) {
            return vault.find(instrument)
                    .map(card -> new Resolved(card.brand() + " …" + card.last4(), card.behaviour()))
                    .orElse(new Resolved("unknown token", TOKEN_UNKNOWN));
        }
        return new Resolved(instrument, of(instrument));
    }
}
