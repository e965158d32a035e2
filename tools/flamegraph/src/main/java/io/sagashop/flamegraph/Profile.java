package io.sagashop.flamegraph;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The samples of one recording and the span of time it covers: from the first to the last moment
 * an event of any type ended (JFR's API does not expose the chunk's own start), which is what
 * "--from"/"--to" count from and the graph's header reports.
 */
public record Profile(List<Sample> samples, Instant start, Instant end, List<String> eventTypes) {

    public Profile {
        samples = List.copyOf(samples);
        eventTypes = List.copyOf(eventTypes);
    }

    public Duration duration() {
        return start == null ? Duration.ZERO : Duration.between(start, end);
    }

    /** Nanoseconds since the epoch of a moment given in seconds after the recording's start. */
    public long epochNanosAt(double secondsAfterStart) {
        long startNanos = start == null ? 0 : JfrReader.epochNanos(start);
        return startNanos + Math.round(secondsAfterStart * 1e9);
    }
}
