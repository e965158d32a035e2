package io.sagashop.flamegraph;

import java.io.IOException;
import java.io.Writer;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folded stacks: each distinct stack (root first) with the number of samples that had it. This is
 * all a flame graph needs (time order does not matter to it), and its text form,
 * {@code frame;frame;frame count} per line, is what people diff between two recordings.
 */
public final class Stacks {

    private final Map<List<Frame>, Long> counts = new HashMap<>();
    private long total;

    public static Stacks fold(Iterable<Sample> samples) {
        Stacks stacks = new Stacks();
        for (Sample sample : samples) {
            stacks.add(sample.stack(), 1);
        }
        return stacks;
    }

    public void add(List<Frame> stack, long samples) {
        if (samples <= 0) {
            throw new IllegalArgumentException("samples must be positive: " + samples);
        }
        counts.merge(List.copyOf(stack), samples, Long::sum);
        total += samples;
    }

    public long total() {
        return total;
    }

    public Map<List<Frame>, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /**
     * One line per stack, sorted by the stack's text so that two files of the same code line up in
     * a diff. Frames carry their full class name here: short names could merge distinct classes.
     */
    public void writeFolded(Writer out) throws IOException {
        Map<String, Long> lines = new TreeMap<>();
        counts.forEach((stack, count) -> lines.merge(foldedLine(stack), count, Long::sum));
        for (Map.Entry<String, Long> line : lines.entrySet()) {
            out.write(line.getKey());
            out.write(' ');
            out.write(Long.toString(line.getValue()));
            out.write('\n');
        }
    }

    static String foldedLine(List<Frame> stack) {
        StringBuilder line = new StringBuilder();
        for (Frame frame : stack) {
            if (line.length() > 0) {
                line.append(';');
            }
            line.append(frame.fullName());
        }
        return line.length() == 0 ? "[empty stack]" : line.toString();
    }
}
