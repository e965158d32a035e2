package io.sagashop.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The tokens this provider issued, in memory like the ledger (a restarted sandbox forgets them,
 * and a charge with a forgotten token is declined {@code token_unknown}). A token is random, so it
 * says nothing about the number, and it may be charged again (like a saved card), which a retry
 * of the same payment needs.
 */
@Component
class TokenVault {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, TokenizedCard> cards = new ConcurrentHashMap<>();

    /** Keeps what may be kept of a valid card and answers its new token. */
    TokenizedCard tokenize(String digits, int expMonth, int expYear) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String token = "tok_" + HexFormat.of().formatHex(random);
        TokenizedCard card = new TokenizedCard(token, CardNumberFormat.brand(digits),
                digits.substring(digits.length() - 4), expMonth, expYear, TestInstruments.of(digits));
        cards.put(token, card);
        return card;
    }

    Optional<TokenizedCard> find(String token) {
        return Optional.ofNullable(cards.get(token));
    }
}
