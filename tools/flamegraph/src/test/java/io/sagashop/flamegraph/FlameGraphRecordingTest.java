package io.sagashop.flamegraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool on a real recording: two threads spin in two distinctive methods, {@code busy-a} four
 * times as long as {@code busy-b}, while JFR samples them. What the tool reports is checked against
 * a count of the same file made here with the JDK's API, so the assertions hold whatever number of
 * samples the machine managed to take (the recording only needs some of each thread).
 */
class FlameGraphRecordingTest {

    private static final double GRAPH_WIDTH = SvgWriter.DEFAULT_WIDTH - 20;

    @TempDir
    static Path dir;

    static Path jfr;
    static Counts counts;
    /** The wall-clock time from just before the recording started to just after it stopped. */
    static Duration recordedAtMost;

    static volatile long sink;

    @BeforeAll
    static void record() throws Exception {
        // Another recording running since a second before, as in a JVM profiled before: the file
        // then holds a jdk.ActiveRecording event dated when that one started.
        try (Recording earlier = new Recording()) {
            earlier.start();
            Thread.sleep(1000);
            // On a loaded machine JFR's sampler thread gets little CPU; a longer run then makes up
            // for it (at most 0.3 + 0.6 + 1.2 s of busy-b, four times that of busy-a).
            long betaMillis = 300;
            for (int attempt = 1; attempt <= 3; attempt++, betaMillis *= 2) {
                jfr = dir.resolve("busy-" + attempt + ".jfr");
                recordBusyThreads(jfr, betaMillis);
                counts = Counts.of(jfr);
                if (counts.beta >= 10 && counts.alpha > counts.beta) {
                    return;
                }
            }
        }
        throw new IllegalStateException("JFR took too few samples to test with: " + counts);
    }

    private static void recordBusyThreads(Path file, long betaMillis) throws Exception {
        try (Recording recording = new Recording()) {
            recording.enable(JfrReader.EXECUTION_SAMPLE).withPeriod(Duration.ofMillis(5));
            recording.enable("jdk.ActiveRecording");
            Instant before = Instant.now();
            recording.start();
            long start = System.nanoTime();
            Thread a = new Thread(() -> spin(start + 4 * betaMillis * 1_000_000, FlameGraphRecordingTest::burnAlpha), "busy-a");
            Thread b = new Thread(() -> spin(start + betaMillis * 1_000_000, FlameGraphRecordingTest::burnBeta), "busy-b");
            a.start();
            b.start();
            a.join();
            b.join();
            recording.stop();
            recordedAtMost = Duration.between(before, Instant.now());
            recording.dump(file);
        }
    }

    // Short calls in a loop, like real work: JFR drops samples whose thread is in a clock call
    // (System.nanoTime), so the clock is read once per call, not inside the hot loop.
    private static void spin(long deadline, LongUnaryOperator burn) {
        long value = 17;
        while (System.nanoTime() < deadline) {
            value = burn.applyAsLong(value);
        }
        sink = value;
    }

    // A long loop counter on purpose: C2 drops the safepoint polls from an int-counted loop (with
    // the parallel collector the tests run with), and JFR then attributes the samples in the
    // inlined loop to the caller (spin), so burnAlpha would never appear.
    static long burnAlpha(long seed) {
        long x = seed;
        for (long i = 0; i < 20_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        return x;
    }

    static long burnBeta(long seed) {
        long x = seed;
        for (long i = 0; i < 20_000; i++) {
            x = x * 2862933555777941757L + 3037000493L;
            x ^= x >>> 31;
        }
        return x;
    }

    /** The samples of a recording counted with the JDK's API, independently of the tool. */
    record Counts(long total, long alpha, long beta, long busyA, Instant start, List<Long> sampleNanos, Map<String, Long> leaves) {

        static Counts of(Path file) throws Exception {
            long total = 0;
            long alpha = 0;
            long beta = 0;
            long busyA = 0;
            Instant start = null;
            List<Long> times = new java.util.ArrayList<>();
            Map<String, Long> leaves = new TreeMap<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                boolean describesARecording = event.getEventType().getName().equals("jdk.ActiveRecording");
                if (!describesARecording && (start == null || event.getEndTime().isBefore(start))) {
                    start = event.getEndTime();
                }
                if (!event.getEventType().getName().equals(JfrReader.EXECUTION_SAMPLE) || event.getStackTrace() == null) {
                    continue;
                }
                total++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                leaves.merge(event.getThread("sampledThread").getJavaName() + " in "
                        + (frames.isEmpty() ? "-" : frames.get(0).getMethod().getName()), 1L, Long::sum);
                times.add(JfrReader.epochNanos(event.getStartTime()));
                if ("busy-a".equals(event.getThread("sampledThread").getJavaName())) {
                    busyA++;
                }
                if (event.getStackTrace().getFrames().stream().anyMatch(f -> f.getMethod().getName().equals("burnAlpha"))) {
                    alpha++;
                }
                if (event.getStackTrace().getFrames().stream().anyMatch(f -> f.getMethod().getName().equals("burnBeta"))) {
                    beta++;
                }
            }
            return new Counts(total, alpha, beta, busyA, start, times, leaves);
        }

        @Override
        public String toString() {
            return "total " + total + ", in burnAlpha " + alpha + ", in burnBeta " + beta + "; thread in leaf: " + leaves;
        }
    }

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FlameGraph.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The folded file's counts summed, checking each line's form on the way. */
    static long foldedTotal(Path folded) throws Exception {
        long sum = 0;
        for (String line : Files.readAllLines(folded)) {
            assertThat(line).matches("\\S.* [1-9]\\d*");
            sum += Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        }
        return sum;
    }

    @Test
    void drawsBothMethodsTheBusierOneWiderInProportionToItsSamples() throws Exception {
        Path svgFile = dir.resolve("all.svg");

        Result result = run(jfr.toString(), svgFile.toString());

        assertThat(result.status()).as(result.err()).isZero();
        Svg svg = Svg.parse(svgFile);
        assertThat(svg.boxesLabelled("FlameGraphRecordingTest.burnAlpha")).isNotEmpty();
        assertThat(svg.boxesLabelled("FlameGraphRecordingTest.burnBeta")).isNotEmpty();
        double alpha = svg.widthOf(".burnAlpha");
        double beta = svg.widthOf(".burnBeta");
        assertThat(alpha).isGreaterThan(beta);
        assertThat(alpha).isCloseTo(GRAPH_WIDTH * counts.alpha / counts.total, within(0.05));
        assertThat(beta).isCloseTo(GRAPH_WIDTH * counts.beta / counts.total, within(0.05));
        assertThat(svg.boxesLabelled("all (" + counts.total + " samples)")).hasSize(1);
        assertThat(svg.boxesLabelled("FlameGraphRecordingTest.burnAlpha").get(0).fill()).startsWith("rgb(");
        assertThat(svg.boxesLabelled("FlameGraphRecordingTest.burnAlpha").get(0).title())
                .startsWith("io.sagashop.flamegraph.FlameGraphRecordingTest.burnAlpha\n");
    }

    @Test
    void foldedCountsAndTheSummarySayTheSameTotalAsTheRecording() throws Exception {
        Path folded = dir.resolve("all.folded");

        Result result = run(jfr.toString(), dir.resolve("all2.svg").toString(), "--folded", folded.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(foldedTotal(folded)).isEqualTo(counts.total);
        assertThat(Files.readString(folded)).contains("io.sagashop.flamegraph.FlameGraphRecordingTest.burnAlpha");
        assertThat(result.out()).contains(counts.total + " samples (jdk.ExecutionSample), all threads");
        assertThat(result.out()).containsPattern("busy-a\n");
        // The busy methods are our code (io.sagashop.*): in both lists, with all of their samples as total.
        assertThat(section(result.out(), "self (top 15"))
                .containsPattern("\\n\\s+\\d+\\s+[\\d.]+\\s+FlameGraphRecordingTest\\.burnAlpha\\s+io\\.sagashop\\.flamegraph\\n");
        assertThat(section(result.out(), "total (top 15 of our code"))
                .containsPattern("\\n\\s+" + counts.alpha + "\\s+[\\d.]+\\s+FlameGraphRecordingTest\\.burnAlpha\\s+io\\.sagashop\\.flamegraph\\n")
                .containsPattern("\\n\\s+" + counts.beta + "\\s+[\\d.]+\\s+FlameGraphRecordingTest\\.burnBeta\\s+io\\.sagashop\\.flamegraph\\n");
    }

    /** A list of the summary: from its heading to the blank line after it. */
    private static String section(String summary, String heading) {
        int start = summary.indexOf("\n" + heading);
        assertThat(start).as("no '%s' in:%n%s", heading, summary).isNotNegative();
        int end = summary.indexOf("\n\n", start + 1);
        return summary.substring(start, end < 0 ? summary.length() : end + 1);
    }

    @Test
    void theRecordedTimeIsThisRecordingsNotThatOfAnEarlierOne() throws Exception {
        Result result = run(jfr.toString(), dir.resolve("time.svg").toString());

        assertThat(result.status()).as(result.err()).isZero();
        java.util.regex.Matcher recorded = java.util.regex.Pattern.compile(", (\\d+\\.\\d) s recorded from").matcher(result.out());
        assertThat(recorded.find()).as(result.out()).isTrue();
        assertThat(Double.parseDouble(recorded.group(1))).isLessThanOrEqualTo(recordedAtMost.toMillis() / 1000.0 + 0.2);
    }

    @Test
    void theThreadFilterLeavesTheOtherThreadOut() throws Exception {
        Path svgFile = dir.resolve("a.svg");
        Path folded = dir.resolve("a.folded");

        Result result = run(jfr.toString(), svgFile.toString(), "--threads", "busy-a", "--folded", folded.toString());

        assertThat(result.status()).as(result.err()).isZero();
        Svg svg = Svg.parse(svgFile);
        assertThat(svg.boxesLabelled("FlameGraphRecordingTest.burnAlpha")).isNotEmpty();
        assertThat(svg.widthOf(".burnBeta")).isZero();
        assertThat(Files.readString(svgFile)).doesNotContain("burnBeta");
        assertThat(Files.readString(folded)).doesNotContain("burnBeta");
        assertThat(foldedTotal(folded)).isEqualTo(counts.busyA);
        assertThat(svg.text()).contains("threads matching 'busy-a'");
        assertThat(result.out()).contains(counts.busyA + " samples (jdk.ExecutionSample), threads matching 'busy-a'");
    }

    @Test
    void theThreadPatternMustMatchTheWholeName() throws Exception {
        Path svgFile = dir.resolve("none.svg");

        Result result = run(jfr.toString(), svgFile.toString(), "--threads", "busy");

        assertThat(result.status()).isZero();
        assertThat(Svg.parse(svgFile).boxes()).isEmpty();
        assertThat(result.err()).contains("no sample matched --threads 'busy'").contains("busy-a (");
    }

    @Test
    void aTimeWindowKeepsTheSamplesInsideIt() throws Exception {
        long startNanos = JfrReader.epochNanos(counts.start);
        long last = counts.sampleNanos.stream().mapToLong(Long::longValue).max().orElseThrow();
        double middle = (last - startNanos) / 2e9;
        long middleNanos = startNanos + Math.round(middle * 1e9);
        long expected = counts.sampleNanos.stream().filter(t -> t <= middleNanos).count();
        Path folded = dir.resolve("window.folded");

        Result result = run(jfr.toString(), dir.resolve("window.svg").toString(), "--to", Double.toString(middle), "--folded", folded.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(expected).isPositive().isLessThan(counts.total);
        assertThat(foldedTotal(folded)).isEqualTo(expected);
        assertThat(result.out()).contains("samples up to");
    }

    @Test
    void aWindowAfterTheEndHasNoSamplesAndSaysSo() throws Exception {
        Path svgFile = dir.resolve("late.svg");

        Result result = run(jfr.toString(), svgFile.toString(), "--from", "100000");

        assertThat(result.status()).isZero();
        assertThat(Svg.parse(svgFile).text()).contains("no samples");
        assertThat(result.err()).contains("no sample matched the window from 100000.0 s after the start");
    }

    @Test
    void badArgumentsExitWithTwoAndTheUsage() {
        Result result = run(jfr.toString(), dir.resolve("x.svg").toString(), "--threads", "(unclosed");

        assertThat(result.status()).isEqualTo(FlameGraph.USAGE);
        assertThat(result.err()).contains("flamegraph: --threads: not a regular expression").contains("usage: java -jar");
        assertThat(run().status()).isEqualTo(FlameGraph.USAGE);
        assertThat(run(jfr.toString()).err()).contains("no output file");
        assertThat(Files.exists(dir.resolve("x.svg"))).isFalse();
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        Result result = run("--help");

        assertThat(result.status()).isZero();
        assertThat(result.out()).contains("usage: java -jar sagashop-flamegraph.jar INPUT.jfr OUTPUT.svg", "--threads REGEX", "--folded FILE");
    }

    @Test
    void aMissingFileExitsWithOne() {
        Result result = run(dir.resolve("nowhere.jfr").toString(), dir.resolve("y.svg").toString());

        assertThat(result.status()).isEqualTo(FlameGraph.FAILED);
        assertThat(result.err()).contains("no such file").contains("nowhere.jfr");
    }

    @Test
    void aFileThatIsNoRecordingExitsWithOne() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "this is not a recording\n");

        Result result = run(text.toString(), dir.resolve("z.svg").toString());

        assertThat(result.status()).isEqualTo(FlameGraph.FAILED);
        assertThat(result.err()).contains("cannot read").contains("notes.jfr").contains("as a JFR recording");
        assertThat(Files.exists(dir.resolve("z.svg"))).isFalse();
    }
}
