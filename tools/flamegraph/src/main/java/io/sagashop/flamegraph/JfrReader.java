package io.sagashop.flamegraph;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/** Reads the stack samples of a {@code .jfr} file with the JDK's own parser. */
public final class JfrReader {

    /** Threads running Java code, sampled every 10 ms (settings=profile) or 20 ms (default). */
    public static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    /**
     * Threads inside native methods (socket reads, waiting on a lock in native code), sampled every
     * 20 ms: mostly waiting, not CPU, so they are left out unless asked for.
     */
    public static final String NATIVE_METHOD_SAMPLE = "jdk.NativeMethodSample";

    private static final String ACTIVE_RECORDING = "jdk.ActiveRecording";

    // Recordings repeat the same classes, frames and stacks thousands of times: one instance each.
    private final Map<String, String> classNames = new HashMap<>();
    private final Map<Frame, Frame> frames = new HashMap<>();
    private final Map<List<Frame>, List<Frame>> stacks = new HashMap<>();

    private JfrReader() {
    }

    public static Profile read(Path file, boolean includeNative) throws IOException {
        return new JfrReader().readFile(file, includeNative);
    }

    private Profile readFile(Path file, boolean includeNative) throws IOException {
        List<Sample> samples = new ArrayList<>();
        List<String> types = new ArrayList<>(List.of(EXECUTION_SAMPLE));
        if (includeNative) {
            types.add(NATIVE_METHOD_SAMPLE);
        }
        Instant start = null;
        Instant end = null;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                // The span the file covers, from when its events ended: an event is written when it
                // ends, so its end lies within the recording, where its start may not (a lock wait
                // begun before). jdk.ActiveRecording is left out: its times are those of the
                // recording it describes, which can be an earlier one in the same JVM.
                if (!event.getEventType().getName().equals(ACTIVE_RECORDING)) {
                    Instant ended = event.getEndTime();
                    if (start == null || ended.isBefore(start)) {
                        start = ended;
                    }
                    if (end == null || ended.isAfter(end)) {
                        end = ended;
                    }
                }
                if (types.contains(event.getEventType().getName()) && event.getStackTrace() != null) {
                    samples.add(new Sample(epochNanos(event.getStartTime()), threadName(event), stack(event.getStackTrace())));
                }
            }
        }
        return new Profile(samples, start, end == null ? start : end, types);
    }

    private static String threadName(RecordedEvent event) {
        RecordedThread thread = event.getThread("sampledThread");
        if (thread == null) {
            return "[unknown thread]";
        }
        if (thread.getJavaName() != null) {
            return thread.getJavaName();
        }
        return thread.getOSName() != null ? thread.getOSName() : "[unknown thread]";
    }

    private List<Frame> stack(RecordedStackTrace trace) {
        List<RecordedFrame> recorded = trace.getFrames();
        List<Frame> stack = new ArrayList<>(recorded.size() + 1);
        // A stack cut at the recording's stack depth (64 unless configured) lacks its real root:
        // one marker root keeps all of them together instead of scattering them beside the threads'
        // true roots (Thread.run) as if they were roots of their own.
        if (trace.isTruncated()) {
            stack.add(Frame.TRUNCATED);
        }
        for (int i = recorded.size() - 1; i >= 0; i--) {
            stack.add(frame(recorded.get(i)));
        }
        return stacks.computeIfAbsent(List.copyOf(stack), s -> s);
    }

    private Frame frame(RecordedFrame recorded) {
        RecordedMethod method = recorded.getMethod();
        if (method == null) {
            return frames.computeIfAbsent(Frame.synthetic("[unknown frame]"), f -> f);
        }
        String className = method.getType() == null ? "[unknown class]" : method.getType().getName();
        String normalised = classNames.computeIfAbsent(className, Frame::normalise);
        return frames.computeIfAbsent(new Frame(normalised, method.getName()), f -> f);
    }

    static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
