package io.sagashop.sandbox;

import java.util.regex.Pattern;

/**
 * The provider's reading of a card number: 13–19 digits, grouped by single spaces or dashes or
 * not, with a valid Luhn check digit. (The shop has its own copy of this rule in payment-api:
 * the sandbox stands for an outside provider and shares no code with the shop.)
 */
final class CardNumberFormat {

    private static final Pattern GROUPED_DIGITS = Pattern.compile("\\d(?:[ -]?\\d){12,18}");

    private CardNumberFormat() {
    }

    /** Whether the value is written like a card number, whatever its check digit. */
    static boolean looksLikeCardNumber(String value) {
        return value != null && GROUPED_DIGITS.matcher(value.strip()).matches();
    }

    /** The digits alone, or {@code null} when the value is not a card number with a valid check digit. */
    static String validDigits(String value) {
        if (!looksLikeCardNumber(value)) {
            return null;
        }
        String digits = value.strip().replaceAll("[ -]", "");
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0 ? digits : null;
    }

    /** The brand the leading digits name, as providers report it. */
    static String brand(String digits) {
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        if (digits.startsWith("4")) {
            return "visa";
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return "mastercard";
        }
        if (two == 34 || two == 37) {
            return "amex";
        }
        if (digits.startsWith("6011") || two == 65 || (four >= 6440 && four <= 6499)) {
            return "discover";
        }
        return "unknown";
    }
}
