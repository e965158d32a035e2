package io.sagashop.flamegraph;

import java.util.List;

/**
 * One stack sample: when (nanoseconds since the epoch), which thread, and its stack root first
 * (the order a flame graph draws and folded stacks are written in; JFR gives it leaf first).
 */
public record Sample(long epochNanos, String thread, List<Frame> stack) {

    public Sample {
        stack = List.copyOf(stack);
    }
}
