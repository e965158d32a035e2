package io.sagashop.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time used by a set of processes, read from {@code /proc/<pid>/stat} (user + system, in
 * clock ticks of 1/100 s, the Linux default). Only Linux; elsewhere it reports 0.
 */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private final List<Long> pids;

    ProcessCpu(List<Long> pids) {
        this.pids = List.copyOf(pids);
    }

    /** Seconds of CPU used so far by all the processes together. */
    double seconds() {
        double total = 0;
        for (long pid : pids) {
            total += seconds(pid);
        }
        return total;
    }

    private static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may contain spaces) start after the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long user = Long.parseLong(fields[11]);
            long system = Long.parseLong(fields[12]);
            return (user + system) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
