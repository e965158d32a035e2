package io.sagashop.e2e.security;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds card numbers in text: 13 to 19 digits, alone or grouped by single spaces or dashes, with
 * a valid Luhn check digit. To keep the scan free of false alarms on what a shop's data and logs
 * are full of, a candidate must stand alone: not inside a word, an id (UUIDs, hex trace ids) or a
 * decimal number, and not an epoch timestamp of 2017–2036 in milli-, micro- or nanoseconds (no
 * issued card number of those lengths starts with those digits).
 */
final class CardNumberScan {

    private static final Pattern CANDIDATE =
            Pattern.compile("(?<![\\w.-])\\d(?:[ -]?\\d){12,18}(?![\\w-]|[ ]\\d|\\.\\d)");
    /** The [traceId,spanId,correlationId] prefix of every service log line: hex ids, not numbers. */
    private static final Pattern LOG_IDS = Pattern.compile("\\[[0-9a-f]{32},[0-9a-f]{16},");
    private static final long FROM_MILLIS = 1_483_228_800_000L; // 2017-01-01
    private static final long TO_MILLIS = 2_082_758_400_000L;   // 2036-01-01

    private CardNumberScan() {
    }

    /** Every card number in the text, each masked but for its last four digits (so a report never shows one). */
    static List<String> find(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = CANDIDATE.matcher(LOG_IDS.matcher(text).replaceAll("["));
        while (matcher.find()) {
            String digits = matcher.group().replaceAll("[ -]", "");
            if (luhnValid(digits) && !epochTimestamp(digits)) {
                found.add("*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4));
            }
        }
        return found;
    }

    private static boolean epochTimestamp(String digits) {
        if (digits.length() != 13 && digits.length() != 16 && digits.length() != 19) {
            return false;
        }
        long millis = Long.parseLong(digits.substring(0, 13));
        return millis >= FROM_MILLIS && millis < TO_MILLIS;
    }

    static boolean luhnValid(String digits) {
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
}
