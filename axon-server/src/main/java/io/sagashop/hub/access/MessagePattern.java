package io.sagashop.hub.access;

import java.util.regex.Pattern;

/**
 * A pattern over message names as written in {@code hub-access.yml}: a name matches itself, and
 * {@code *} stands for any run of characters, dots included ({@code com.example.billing.api.*},
 * {@code *Query}, or {@code *} for every name).
 */
record MessagePattern(String text, Pattern regex) {

    static MessagePattern of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("An empty message pattern");
        }
        StringBuilder regex = new StringBuilder();
        String[] parts = text.strip().split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!parts[i].isEmpty()) {
                regex.append(Pattern.quote(parts[i]));
            }
        }
        return new MessagePattern(text.strip(), Pattern.compile(regex.toString()));
    }

    boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
