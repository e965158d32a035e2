package io.sagashop.e2e.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one step of the load measured.
 *
 * @param offeredPerSecond   the arrival rate asked for
 * @param placed             orders accepted (202)
 * @param completedPerSecond orders that reached a final state, per second of the step
 * @param p50Millis          latency from placement to final state, median
 * @param p95Millis          95th percentile
 * @param p99Millis          99th percentile
 * @param maxMillis          maximum
 * @param errors             POSTs that failed or orders that did not end within the drain time
 * @param cpuSecondsPerOrder CPU used by the shop's processes per completed order
 * @param cpuMillisByProcess CPU milliseconds per completed order of each process, the database
 *                           server's included when it runs on this machine
 */
record StepResult(int offeredPerSecond, long placed, double completedPerSecond, double p50Millis, double p95Millis,
                  double p99Millis, double maxMillis, long errors, double cpuSecondsPerOrder,
                  Map<String, Double> cpuMillisByProcess) {

    static String header() {
        return String.format(Locale.ROOT, "%8s %8s %10s %8s %8s %8s %8s %7s %10s",
                "offered", "placed", "done/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "cpu s/ord");
    }

    String row() {
        return String.format(Locale.ROOT, "%8d %8d %10.1f %8.1f %8.1f %8.1f %8.1f %7d %10.4f", offeredPerSecond, placed,
                completedPerSecond, p50Millis, p95Millis, p99Millis, maxMillis, errors, cpuSecondsPerOrder);
    }

    /** Where the CPU of an order went, largest first, e.g. {@code order-saga 30.1, hub 9.8, ...}. */
    String breakdown() {
        return cpuMillisByProcess.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(entry -> String.format(Locale.ROOT, "%s %.1f", entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** CPU milliseconds per completed order over every process measured, the database server's included. */
    double cpuMillisTotal() {
        return cpuMillisByProcess.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Whether the shop kept up: nearly everything offered completed, no errors to speak of. */
    boolean keptUp() {
        return completedPerSecond >= 0.95 * offeredPerSecond && errors <= Math.max(1, placed / 100);
    }
}
