package io.sagashop.platform.test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh MariaDB schemas for tests on the server at {@code localhost:3306} (root, no password)
 * unless {@code TEST_DB_HOST}, {@code TEST_DB_USER} and {@code TEST_DB_PASSWORD} say otherwise.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String HOST = env("TEST_DB_HOST", "127.0.0.1:3306");
    private static final String USER = env("TEST_DB_USER", "root");
    private static final String PASSWORD = env("TEST_DB_PASSWORD", "");

    private TestDatabase() {
    }

    /** Creates an empty schema named after the prefix, this JVM and a counter; returns its name. */
    public static String createSchema(String prefix) {
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (clean.length() > 30) {
            clean = clean.substring(0, 30);
        }
        String name = "t_" + clean + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute("DROP DATABASE IF EXISTS " + name);
        execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return name;
    }

    public static void dropSchema(String name) {
        execute("DROP DATABASE IF EXISTS " + name);
    }

    public static String jdbcUrl(String schema) {
        return "jdbc:mysql://" + HOST + "/" + schema
                + "?rewriteBatchedStatements=true&useServerPrepStmts=false&connectionTimeZone=UTC";
    }

    public static String username() {
        return USER;
    }

    public static String password() {
        return PASSWORD;
    }

    private static void execute(String sql) {
        try (var connection = DriverManager.getConnection("jdbc:mysql://" + HOST + "/", USER, PASSWORD);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB on " + HOST + " is needed for this test (start it with: "
                    + "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql): "
                    + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
