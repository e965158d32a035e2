package io.sagashop.hub.testing;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh MariaDB schema per hub under test, so tests never see each other's events. The
 * server is the one on localhost:3306 (root, no password) unless {@code TEST_DB_HOST},
 * {@code TEST_DB_USER} and {@code TEST_DB_PASSWORD} say otherwise.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String HOST = env("TEST_DB_HOST", "localhost:3306");
    static final String USER = env("TEST_DB_USER", "root");
    static final String PASSWORD = env("TEST_DB_PASSWORD", "");

    private TestDatabase() {
    }

    /** Creates an empty schema with a unique name and returns its name. */
    public static String createSchema(String prefix) {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute("DROP DATABASE IF EXISTS " + name);
        execute("CREATE DATABASE " + name);
        return name;
    }

    public static void dropSchema(String name) {
        execute("DROP DATABASE IF EXISTS " + name);
    }

    public static String jdbcUrl(String schema) {
        return "jdbc:mysql://" + HOST + "/" + schema
                + "?rewriteBatchedStatements=true&useServerPrepStmts=false";
    }

    private static void execute(String sql) {
        try (var connection = DriverManager.getConnection("jdbc:mysql://" + HOST + "/", USER, PASSWORD);
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB on " + HOST + " is needed for the hub tests: " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
