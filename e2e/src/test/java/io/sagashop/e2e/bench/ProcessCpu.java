package io.sagashop.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used by the shop's processes, by name, read from {@code /proc/<pid>/stat} (user +
 * system, in clock ticks of 1/100 s, the Linux default), plus the database server's when it runs
 * on this machine (reported apart: the shop's figure is its own processes). Only Linux;
 * elsewhere it reports 0.
 */
final class ProcessCpu {

    static final String DATABASE = "database server";

    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> shop;
    private final Optional<Long> database;

    ProcessCpu(Map<String, Long> pidsByName) {
        this.shop = Map.copyOf(pidsByName);
        this.database = localDatabaseServer();
    }

    /** Seconds of CPU used so far by each process: the shop's, then the database server's if local. */
    Map<String, Double> byProcess() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        shop.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> seconds.put(entry.getKey(), seconds(entry.getValue())));
        database.ifPresent(pid -> seconds.put(DATABASE, seconds(pid)));
        return seconds;
    }

    /** The shop's share of a {@link #byProcess()} figure: everything but the database server. */
    static double shopSeconds(Map<String, Double> byProcess) {
        return byProcess.entrySet().stream().filter(entry -> !entry.getKey().equals(DATABASE))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static Optional<Long> localDatabaseServer() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(dir -> {
                        try {
                            String command = Files.readString(dir.resolve("comm")).trim();
                            return command.equals("mariadbd") || command.equals("mysqld");
                        } catch (IOException | RuntimeException e) {
                            return false;
                        }
                    })
                    .map(dir -> Long.parseLong(dir.getFileName().toString())).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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
