package io.sagashop.flamegraph;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The text that goes with a graph, for pasting into docs/performance.md: where the samples were
 * taken (self, any code: what burns the CPU, usually the JDK or a framework) and which of our
 * methods the samples ran under (total, our code only: what we could change).
 */
public final class Summary {

    private final Header header;
    private final Kind.Classifier classifier;
    private final int top;
    private final Map<Frame, Long> self = new HashMap<>();
    private final Map<Frame, Long> totalOfOurs = new HashMap<>();
    private final Map<String, Long> threads;
    private long truncated;

    public Summary(Header header, Stacks stacks, Map<String, Long> samplesPerThread, Kind.Classifier classifier, int top) {
        this.header = header;
        this.classifier = classifier;
        this.top = top;
        this.threads = Map.copyOf(samplesPerThread);
        Set<Frame> seen = new HashSet<>();
        stacks.counts().forEach((stack, count) -> {
            if (stack.isEmpty()) {
                return;
            }
            self.merge(stack.get(stack.size() - 1), count, Long::sum);
            if (stack.get(0).equals(Frame.TRUNCATED)) {
                truncated += count;
            }
            // A recursive method is on the stack several times but the sample is in it once.
            seen.clear();
            for (Frame frame : stack) {
                if (classifier.of(frame) == Kind.OURS && seen.add(frame)) {
                    totalOfOurs.merge(frame, count, Long::sum);
                }
            }
        });
    }

    public Map<Frame, Long> self() {
        return Map.copyOf(self);
    }

    public Map<Frame, Long> totalOfOurs() {
        return Map.copyOf(totalOfOurs);
    }

    /** The top entries, largest first, ties by name (stable output for identical input). */
    static <K extends Comparable<K>> List<Map.Entry<K, Long>> top(Map<K, Long> counts, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<K, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .toList();
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(header.title()).append('\n');
        out.append(header.describe()).append('\n');
        long samples = header.samples();
        if (samples == 0) {
            return out.toString();
        }
        if (truncated > 0) {
            out.append(String.format(Locale.ROOT, "%d of %d samples (%.1f %%) had stacks deeper than the recording's stack depth; they are under %s\n",
                    truncated, samples, percent(truncated), Frame.TRUNCATED.method()));
        }

        out.append(String.format(Locale.ROOT, "\nthreads (top %d of %d)\n", Math.min(top, threads.size()), threads.size()));
        out.append(String.format(Locale.ROOT, "%9s %7s  %s\n", "samples", "%", "thread"));
        for (Map.Entry<String, Long> thread : top(threads, top)) {
            out.append(String.format(Locale.ROOT, "%9d %7.2f  %s\n", thread.getValue(), percent(thread.getValue()), thread.getKey()));
        }

        out.append(String.format(Locale.ROOT, "\nself (top %d, any code: the method each sample was taken in)\n", top));
        frames(out, self);

        out.append(String.format(Locale.ROOT, "\ntotal (top %d of %s: the method and everything it called)\n",
                top, classifier.describe(Kind.OURS)));
        if (totalOfOurs.isEmpty()) {
            out.append("  no sample ran under our code\n");
        } else {
            frames(out, totalOfOurs);
        }
        return out.toString();
    }

    private void frames(StringBuilder out, Map<Frame, Long> counts) {
        out.append(String.format(Locale.ROOT, "%9s %7s  %-60s %s\n", "samples", "%", "frame", "package"));
        for (Map.Entry<Frame, Long> entry : top(counts, top)) {
            Frame frame = entry.getKey();
            out.append(String.format(Locale.ROOT, "%9d %7.2f  %-60s %s\n",
                    entry.getValue(), percent(entry.getValue()), frame.shortName(), frame.packageName()).stripTrailing()).append('\n');
        }
    }

    private double percent(long count) {
        return 100.0 * count / header.samples();
    }
}
