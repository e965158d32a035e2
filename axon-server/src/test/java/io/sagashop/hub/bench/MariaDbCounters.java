package io.sagashop.hub.bench;

import io.sagashop.hub.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * MariaDB's global status counters that say what a durable append costs the database, read
 * before and after a benchmark case and printed per event. Global: whatever else runs on the
 * same server during the case is counted too, so read them from an otherwise quiet server.
 */
final class MariaDbCounters {

    private static final List<String> NAMES = List.of("Innodb_data_fsyncs", "Innodb_log_writes",
            "Innodb_os_log_written", "Innodb_data_written", "Com_insert", "Com_commit", "Handler_write",
            "Handler_commit", "Innodb_buffer_pool_reads", "Innodb_buffer_pool_pages_flushed", "Bytes_received");

    private MariaDbCounters() {
    }

    static Map<String, Long> read() {
        Map<String, Long> values = new LinkedHashMap<>();
        // CPU time of this JVM (hub and clients) and of the database server, in microseconds.
        values.put("jvm_cpu_us", ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000);
        // Time the JVM spends compiling and collecting: not in any Java thread's CPU time below.
        values.put("jit_us", java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() * 1_000);
        values.put("gc_us", java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum() * 1_000);
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                values.merge("thread:" + info.getThreadName().replaceAll("-?\\d+$", ""), cpu / 1_000, Long::sum);
            }
        }
        long server = serverCpuMicros();
        if (server >= 0) {
            values.put("mariadbd_cpu_us", server);
        }
        String user = System.getenv().getOrDefault("TEST_DB_USER", "root");
        String password = System.getenv().getOrDefault("TEST_DB_PASSWORD", "");
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl(""), user, password);
             ResultSet rs = c.createStatement().executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ("
                     + NAMES.stream().map(n -> "'" + n + "'").collect(Collectors.joining(",")) + ")")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            // Not MariaDB or no rights: the benchmark goes on without counters.
        }
        return values;
    }

    /** The database server's user + system CPU time from /proc, when it runs on this machine; else -1. */
    private static long serverCpuMicros() {
        try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            for (var dir : (Iterable<java.nio.file.Path>) processes::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = java.nio.file.Files.readString(dir.resolve("stat"));
                } catch (java.io.IOException gone) {
                    continue;
                }
                if (stat.contains("(mariadbd)") || stat.contains("(mysqld)")) {
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second).
                    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Each counter's growth since {@code before}, divided by the events appended meanwhile. */
    static String perEvent(Map<String, Long> before, long events) {
        if (before.isEmpty() || events <= 0) {
            return "n/a";
        }
        Map<String, Long> after = read();
        StringBuilder line = new StringBuilder();
        List<String> names = new java.util.ArrayList<>(List.of("jvm_cpu_us", "jit_us", "gc_us", "mariadbd_cpu_us"));
        names.addAll(NAMES);
        for (String name : names) {
            Long from = before.get(name);
            Long to = after.get(name);
            if (from != null && to != null) {
                line.append(String.format(Locale.ROOT, "%s %.3f  ", name, (to - from) / (double) events));
            }
        }
        StringBuilder threads = new StringBuilder();
        after.entrySet().stream().filter(e -> e.getKey().startsWith("thread:"))
                .map(e -> Map.entry(e.getKey().substring(7), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() / (double) events >= 0.2)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> threads.append(String.format(Locale.ROOT, "%s %.1f  ", e.getKey(),
                        e.getValue() / (double) events)));
        return line.toString().trim() + "\n        JVM threads' CPU us per event: " + threads.toString().trim();
    }
}
