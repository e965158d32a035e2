package io.sagashop.payment.api;

import java.util.regex.Pattern;

/**
 * Recognises card numbers (PANs) so that the shop can refuse them: no card number may enter an
 * order, a payment, an event or a log. A value "looks like a card number" when it is 13 to 19
 * digits, alone or grouped with single spaces or dashes ({@code 4242 4242 4242 4242}). The Luhn
 * check digit is not required for the refusal on purpose: a mistyped card number is still one.
 */
public final class CardNumbers {

    private static final Pattern GROUPED_DIGITS = Pattern.compile("\\d(?:[ -]?\\d){12,18}");

    private CardNumbers() {
    }

    /** Whether the value, trimmed, is 13–19 digits, optionally grouped by spaces or dashes. */
    public static boolean looksLikeCardNumber(String value) {
        return value != null && GROUPED_DIGITS.matcher(value.strip()).matches();
    }

    /** Whether the digits of the value (spaces and dashes ignored) pass the Luhn check. */
    public static boolean luhnValid(String value) {
        String digits = digits(value);
        if (digits.isEmpty()) {
            return false;
        }
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
        return sum % 10 == 0;
    }

    /** The brand a card number's leading digits name ({@code visa}, {@code mastercard}, …), or {@code unknown}. */
    public static String brandOf(String value) {
        String digits = digits(value);
        if (digits.length() < 4) {
            return "unknown";
        }
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
        if (four >= 3528 && four <= 3589) {
            return "jcb";
        }
        if (two == 36 || two == 38 || (four >= 3000 && four <= 3059)) {
            return "diners";
        }
        return "unknown";
    }

    /** The last four digits of a card number (spaces and dashes ignored). */
    public static String last4(String value) {
        String digits = digits(value);
        return digits.length() <= 4 ? digits : digits.substring(digits.length() - 4);
    }

    private static String digits(String value) {
        return value == null ? "" : value.replaceAll("[ -]", "");
    }
}
