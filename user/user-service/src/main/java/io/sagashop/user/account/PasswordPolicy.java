package io.sagashop.user.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.Resource;

/**
 * What a new password must be, after NIST SP 800-63B: long enough, short enough for bcrypt (72
 * bytes of UTF-8, counted as bytes: "é" is two), not on the list of passwords attackers try first,
 * not a repetition or a run of neighbouring characters, not the shop's name or the user's own
 * e-mail. No composition rules (digits, symbols, cases): they make passwords harder to remember,
 * not to guess. Every refusal names its rule.
 */
public final class PasswordPolicy {

    /** bcrypt reads at most 72 bytes of a password; longer ones are refused, never cut. */
    public static final int MAX_BYTES = 72;
    private static final String SHOP_NAME = "sagashop";

    /** A broken rule: its name (the problem's code) and what to do. */
    public record Violation(String rule, String message) {
    }

    private final int minLength;
    private final Set<String> common;

    PasswordPolicy(int minLength, Set<String> common) {
        this.minLength = minLength;
        this.common = Set.copyOf(common);
    }

    static PasswordPolicy of(PasswordProperties properties) {
        return new PasswordPolicy(properties.minLength(), read(properties.commonList()));
    }

    int minLength() {
        return minLength;
    }

    /** The first rule {@code password} breaks, if any; {@code email} may be null. */
    public Optional<Violation> check(String password, String email) {
        if (password.codePointCount(0, password.length()) < minLength) {
            return Optional.of(new Violation("password-too-short", "must be at least " + minLength + " characters long"));
        }
        if (tooLongForBcrypt(password)) {
            return Optional.of(new Violation("password-too-long", "must be at most " + MAX_BYTES + " bytes in UTF-8"));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return Optional.of(new Violation("password-too-common",
                    "is one of the passwords attackers try first; choose another"));
        }
        if (repetitive(lower) || sequential(lower)) {
            return Optional.of(new Violation("password-pattern", "must not be a repeated or sequential pattern"));
        }
        if (lower.contains(SHOP_NAME) && lower.length() - SHOP_NAME.length() < minLength / 2) {
            return Optional.of(new Violation("password-context", "must not be built on the shop's name"));
        }
        if (email != null) {
            String local = email.trim().toLowerCase(Locale.ROOT).split("@", 2)[0];
            if (local.length() >= 4 && lower.contains(local)) {
                return Optional.of(new Violation("password-context", "must not contain your e-mail address"));
            }
        }
        return Optional.empty();
    }

    /** More than bcrypt can read: a 400, whether at registration or at login. */
    public static boolean tooLongForBcrypt(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

    /** One unit of at most four characters, repeated: "aaaaaaaaaaaa", "abcabcabcabc". */
    private static boolean repetitive(String password) {
        for (int unit = 1; unit <= 4 && unit < password.length(); unit++) {
            boolean repeats = true;
            for (int i = unit; i < password.length() && repeats; i++) {
                repeats = password.charAt(i) == password.charAt(i - unit);
            }
            if (repeats) {
                return true;
            }
        }
        return false;
    }

    /** Every character one after (or before) the previous one: "abcdefghijkl", "987654321". */
    private static boolean sequential(String password) {
        int step = password.charAt(1) - password.charAt(0);
        if (Math.abs(step) != 1) {
            return false;
        }
        for (int i = 2; i < password.length(); i++) {
            if (password.charAt(i) - password.charAt(i - 1) != step) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> read(Resource list) {
        Set<String> passwords = new HashSet<>();
        try (var reader = new BufferedReader(new InputStreamReader(list.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> passwords.add(line.strip().toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the common-password list " + list, e);
        }
        return passwords;
    }
}
