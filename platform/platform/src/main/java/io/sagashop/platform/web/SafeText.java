package io.sagashop.platform.web;

/**
 * Which characters a text field of a request body may not hold: C0 controls (U+0000–U+001F,
 * so NUL, ESC, CR, LF; tab, CR and LF are allowed in {@link MultiLineText} fields), DEL and the
 * C1 controls (U+007F–U+009F), the bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) that make text display other than it
 * reads, the line and paragraph separators U+2028/U+2029 outside multi-line fields, and
 * unpaired surrogates. They have no place in a name or an address, and once stored they reach
 * e-mails, logs and the dashboard.
 */
public final class SafeText {

    private SafeText() {
    }

    /** The first refused character's description, or {@code null} when the text is acceptable. */
    public static String refusal(String text, boolean multiLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue;
            }
            if (c == '\t' || c == '\n' || c == '\r') {
                if (multiLine) {
                    continue;
                }
                return "must be a single line (no line breaks or tabs)";
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return "must not contain control characters (found U+" + hex(c) + ")";
            }
            if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c) {
                return "must not contain bidirectional control characters (found U+" + hex(c) + ")";
            }
            if (c == 0x2028 || c == 0x2029) {
                if (multiLine) {
                    continue;
                }
                return "must be a single line (no line breaks or tabs)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return "must not contain an unpaired surrogate";
            }
        }
        return null;
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
