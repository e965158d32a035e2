package io.sagashop.sandbox;

/** The two simulated providers; each has its own API shape, faults and references. */
public enum Provider {
    CARD("ch_", "re_"),
    WALLET("wp_", "wr_");

    private final String chargePrefix;
    private final String refundPrefix;

    Provider(String chargePrefix, String refundPrefix) {
        this.chargePrefix = chargePrefix;
        this.refundPrefix = refundPrefix;
    }

    String chargePrefix() {
        return chargePrefix;
    }

    String refundPrefix() {
        return refundPrefix;
    }

    /** Parses {@code card} or {@code wallet}, as they appear in paths. */
    public static Provider of(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
