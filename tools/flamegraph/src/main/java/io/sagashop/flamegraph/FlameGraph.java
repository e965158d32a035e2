package io.sagashop.flamegraph;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code java -jar sagashop-flamegraph.jar INPUT.jfr OUTPUT.svg [options]}: a flame graph and a
 * summary of the CPU samples of a JFR recording (see {@link Options#USAGE}).
 *
 * <p>Exit status: 0 when the graph was written (even with no sample in it: stderr says so), 1 when
 * the input cannot be read or the output not written, 2 for a command line that makes no sense.
 */
public final class FlameGraph {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private FlameGraph() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != OK) {
            System.exit(status);
        }
    }

    /** The whole program, without System.exit: what the tests call. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Options.wantsHelp(args)) {
            out.print(Options.USAGE);
            return OK;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            err.println("flamegraph: " + e.getMessage());
            err.println();
            err.print(Options.USAGE);
            return USAGE;
        }
        if (!Files.isRegularFile(options.input())) {
            err.println("flamegraph: no such file: " + options.input());
            return FAILED;
        }

        Profile profile;
        try {
            profile = JfrReader.read(options.input(), options.includeNative());
        } catch (IOException | RuntimeException e) {
            // The JDK's parser says "File is not a JFR file" or throws on a file still being written.
            err.println("flamegraph: cannot read " + options.input() + " as a JFR recording: " + e);
            return FAILED;
        }

        List<Sample> selected = select(profile, options);
        Stacks stacks = Stacks.fold(selected);
        Header header = new Header(options.title(), stacks.total(), profile.eventTypes(),
                options.threads() == null ? null : options.threads().pattern(),
                profile.start(), profile.duration(), options.window());
        Kind.Classifier classifier = new Kind.Classifier(options.oursPrefix());

        try {
            createParent(options.output());
            try (Writer svg = Files.newBufferedWriter(options.output(), StandardCharsets.UTF_8)) {
                new SvgWriter(options.width(), classifier).write(FrameTree.of(stacks), header, svg);
            }
            if (options.folded() != null) {
                createParent(options.folded());
                try (Writer folded = Files.newBufferedWriter(options.folded(), StandardCharsets.UTF_8)) {
                    stacks.writeFolded(folded);
                }
            }
        } catch (IOException e) {
            err.println("flamegraph: cannot write: " + e);
            return FAILED;
        }

        out.print(new Summary(header, stacks, samplesPerThread(selected), classifier, options.top()).render());
        out.println();
        out.println("graph: " + options.output() + (options.folded() == null ? "" : ", folded stacks: " + options.folded()));
        if (stacks.total() == 0) {
            explainEmpty(profile, options, err);
        }
        return OK;
    }

    static List<Sample> select(Profile profile, Options options) {
        long from = options.from() == null ? Long.MIN_VALUE : profile.epochNanosAt(options.from());
        long to = options.to() == null ? Long.MAX_VALUE : profile.epochNanosAt(options.to());
        List<Sample> selected = new ArrayList<>();
        for (Sample sample : profile.samples()) {
            if (sample.epochNanos() < from || sample.epochNanos() > to) {
                continue;
            }
            // Whole name: 'order-saga.*' should not also pick "xorder-saga" or "axon-order-saga-x".
            if (options.threads() != null && !options.threads().matcher(sample.thread()).matches()) {
                continue;
            }
            selected.add(sample);
        }
        return selected;
    }

    static Map<String, Long> samplesPerThread(List<Sample> samples) {
        return samples.stream().collect(Collectors.groupingBy(Sample::thread, LinkedHashMap::new, Collectors.counting()));
    }

    /** An empty graph is nearly always a wrong thread pattern or window: say what there was. */
    private static void explainEmpty(Profile profile, Options options, PrintStream err) {
        if (profile.samples().isEmpty()) {
            err.println("flamegraph: the recording has no " + String.join(" or ", profile.eventTypes())
                    + " events; record with settings=profile (or enable jdk.ExecutionSample) and while the threads are busy");
            return;
        }
        String threads = Summary.top(samplesPerThread(profile.samples()), 20).stream()
                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
        err.println("flamegraph: no sample matched " + (options.threads() == null ? "" : "--threads '" + options.threads().pattern() + "' ")
                + (options.window() == null ? "" : "the window " + options.window()));
        err.println("flamegraph: the recording's threads with samples (samples): " + threads);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
