package io.sagashop.sandbox;

import java.util.Map;

/**
 * The deterministic test cards and wallet ids, in the style of public payment sandboxes: each
 * number always gives the same outcome. Any other card or wallet id is approved.
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

    static Behaviour of(String instrument) {
        return KNOWN.getOrDefault(instrument, APPROVE);
    }

    /** Only the last four characters, as a provider's records show a card. */
    static String mask(String instrument) {
        return instrument.length() <= 4 ? instrument : "…" + instrument.substring(instrument.length() - 4);
    }
}
