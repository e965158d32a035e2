package io.sagashop.hub.routing;

/**
 * Latency percentiles of one message name, in milliseconds (two decimals), as a dashboard shows them.
 *
 * @param count how many were measured
 * @param p50   median
 * @param p90   90th percentile
 * @param p99   99th percentile
 * @param max   the slowest
 */
public record LatencySummary(long count, double p50, double p90, double p99, double max) {

    /** Nothing measured yet. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0);
}
