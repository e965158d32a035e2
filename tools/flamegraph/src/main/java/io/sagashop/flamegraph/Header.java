package io.sagashop.flamegraph;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a graph and a summary say about themselves: which recording, which samples of it.
 *
 * @param threadFilter the regular expression threads were selected by, null for all threads
 * @param window the time window, e.g. "10.0 s to 40.0 s after the start", null for all of it
 */
public record Header(String title, long samples, List<String> eventTypes, String threadFilter,
                     Instant recordingStart, Duration recorded, String window) {

    public Header {
        eventTypes = List.copyOf(eventTypes);
    }

    /** One line: "4321 samples (jdk.ExecutionSample) · threads matching 'x' · 30.0 s recorded from …". */
    public String describe() {
        StringBuilder line = new StringBuilder();
        line.append(samples).append(samples == 1 ? " sample (" : " samples (").append(String.join(", ", eventTypes)).append(")");
        line.append(threadFilter == null ? ", all threads" : ", threads matching '" + threadFilter + "'");
        line.append(", ").append(seconds(recorded)).append(" recorded");
        if (recordingStart != null) {
            line.append(" from ").append(recordingStart.toString().replaceFirst("\\.\\d+Z$", "Z"));
        }
        if (window != null) {
            line.append(", samples ").append(window);
        }
        return line.toString();
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
