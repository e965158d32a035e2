package io.sagashop.sandbox;

import java.time.YearMonth;
import java.time.ZoneOffset;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Client-side tokenization, as card providers offer it to browsers and apps: the customer's
 * device sends the card details here and gets back a token, the brand and the last four digits;
 * the shop only ever sees those. The number and the CVC are checked and forgotten: nothing keeps,
 * logs or answers them. Every field arrives as text, so that no type error can quote a number.
 */
@RestController
@RequestMapping("/card/v1/tokens")
class TokenController {

    /** The card details a customer types in. */
    record CardDetails(String number, String expMonth, String expYear, String cvc) {
    }

    /** The token and what the shop may show of the card. */
    record CardToken(String id, String brand, String last4, int expMonth, int expYear) {
    }

    private final TokenVault vault;

    TokenController(TokenVault vault) {
        this.vault = vault;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CardToken tokenize(@RequestBody CardDetails details) {
        String digits = CardNumberFormat.validDigits(details.number());
        if (digits == null) {
            throw InvalidField.of("number", "invalid_number", "number must be 13 to 19 digits with a valid check digit");
        }
        int month = number(details.expMonth(), "expMonth", 1, 12);
        int year = number(details.expYear(), "expYear", 2000, 2100);
        if (YearMonth.of(year, month).isBefore(YearMonth.now(ZoneOffset.UTC))) {
            throw InvalidField.of("expYear", "expired", "the card expired in " + YearMonth.of(year, month));
        }
        if (details.cvc() == null || !details.cvc().matches("\\d{3,4}")) {
            throw InvalidField.of("cvc", "invalid_cvc", "cvc must be 3 or 4 digits");
        }
        TokenizedCard card = vault.tokenize(digits, month, year);
        return new CardToken(card.token(), card.brand(), card.last4(), card.expMonth(), card.expYear());
    }

    private static int number(String value, String field, int min, int max) {
        if (value != null && value.strip().matches("\\d{1,4}")) {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        }
        throw InvalidField.of(field, "invalid_" + field, field + " must be a number from " + min + " to " + max);
    }
}
