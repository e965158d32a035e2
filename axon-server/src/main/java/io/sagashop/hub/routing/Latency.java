package io.sagashop.hub.routing;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * How long the messages of one name took from arrival at the hub to their answer, since the hub
 * started. Recorded in microseconds into an auto-resizing HdrHistogram whose writers do not
 * block each other, so recording stays off the routing path's critical section.
 */
public final class Latency {

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(2);

    /** Records one message that took {@code nanos}. */
    public void record(long nanos) {
        histogram.recordValue(Math.max(0, nanos / 1_000));
    }

    /** Count and percentiles so far. */
    public LatencySummary summary() {
        Histogram copy = histogram.copy();
        long count = copy.getTotalCount();
        if (count == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(count, millis(copy.getValueAtPercentile(50)), millis(copy.getValueAtPercentile(90)),
                millis(copy.getValueAtPercentile(99)), millis(copy.getMaxValue()));
    }

    private static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
