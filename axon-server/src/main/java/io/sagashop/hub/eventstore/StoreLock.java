package io.sagashop.hub.eventstore;

import io.sagashop.hub.config.HubProperties;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/**
 * Makes this hub the only one writing to its schema. The writer assigns the global index in
 * memory, so two hubs on one schema would hand out the same tokens (and the second would fail or,
 * worse, interleave). On MySQL/MariaDB the hub takes the named lock {@code GET_LOCK} on a
 * connection it keeps for as long as it runs; a second hub on the same schema finds it taken and
 * refuses to start, naming the holder from the {@code hub_owner} row the holder wrote. The
 * database releases the lock when that connection ends, so a hub that is killed (kill -9, a
 * crash) frees it at once without anyone cleaning up; one whose host vanished (no TCP reset)
 * within {@value #IDLE_TIMEOUT_SECONDS} seconds, the connection's {@code wait_timeout}.
 * <p>
 * The connection is checked every {@value #CHECK_SECONDS} seconds (which also keeps it from
 * idling out). If it was lost the lock is taken again at once; if another hub took it meanwhile,
 * this one stops writing ({@link #onLost}) and reports DOWN.
 * <p>
 * On H2 (the embedded fallback) there is no such lock; H2 itself keeps a file database to one
 * process, and an in-memory one is private to its JVM.
 */
@Component
@DependsOnDatabaseInitialization
public class StoreLock implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StoreLock.class);
    static final int CHECK_SECONDS = 10;
    /**
     * The lock connection's {@code wait_timeout}: the check touches it every {@value #CHECK_SECONDS}
     * seconds, so only a hub that is gone (its host crashed, its network cut without a reset)
     * leaves it idle this long, and the server then drops it and frees the lock.
     */
    static final int IDLE_TIMEOUT_SECONDS = 6 * CHECK_SECONDS;
    /** MySQL refuses lock names over 64 characters. */
    private static final int MAX_LOCK_NAME = 64;

    private final ConnectionSource connections;
    private final String nodeName;
    private final boolean supported;
    private final String lockName;
    private final String schema;
    private final List<Consumer<String>> lostListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService checker;
    private volatile Connection connection;
    private volatile long connectionId;
    private volatile String lost;

    public StoreLock(DataSource dataSource, ObjectProvider<DataSourceProperties> settings, HubProperties hub)
            throws SQLException {
        DataSourceProperties properties = settings.getIfAvailable();
        // A connection of its own, not the pool's: closing a pooled one would not end it, and the
        // pool would keep the lock.
        this.connections = properties == null ? dataSource::getConnection
                : () -> DriverManager.getConnection(properties.determineUrl(), properties.determineUsername(),
                        properties.determinePassword());
        this.nodeName = hub.nodeName();
        Connection c = connections.open();
        try {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            supported = product.contains("mysql") || product.contains("mariadb");
            if (!supported) {
                log.info("The {} database has no named locks: this hub does not check for another hub on it", product);
                schema = null;
                lockName = null;
                checker = null;
                c.close();
                return;
            }
            schema = scalar(c, "SELECT DATABASE()");
            lockName = lockName(schema);
            acquire(c);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hub-store-lock");
            thread.setDaemon(true);
            return thread;
        });
        checker.scheduleWithFixedDelay(this::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    private interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** Runs {@code listener} with the reason if the lock is lost to another hub. */
    void onLost(Consumer<String> listener) {
        lostListeners.add(listener);
    }

    /** Null while this hub holds the lock (or the database has none), else why it does not. */
    public String lost() {
        return lost;
    }

    private void acquire(Connection c) throws SQLException {
        try (Statement idle = c.createStatement()) {
            idle.execute("SET SESSION wait_timeout = " + IDLE_TIMEOUT_SECONDS);
        }
        try (PreparedStatement get = c.prepareStatement("SELECT GET_LOCK(?, 0), CONNECTION_ID()")) {
            get.setString(1, lockName);
            try (ResultSet rs = get.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != 1) {
                    throw new IllegalStateException(describeHolder(c));
                }
                connectionId = rs.getLong(2);
            }
        }
        try (PreparedStatement owner = c.prepareStatement("REPLACE INTO hub_owner (id, node_name, host_name, pid,"
                + " started_at, connection_id) VALUES (1, ?, ?, ?, ?, ?)")) {
            owner.setString(1, nodeName);
            owner.setString(2, hostName());
            owner.setLong(3, ProcessHandle.current().pid());
            owner.setLong(4, ManagementFactory.getRuntimeMXBean().getStartTime());
            owner.setLong(5, connectionId);
            owner.executeUpdate();
        }
        connection = c;
        log.info("This hub holds the event store lock {} of schema {} (database connection {})", lockName, schema,
                connectionId);
    }

    private String describeHolder(Connection c) throws SQLException {
        String holder;
        Long holderConnection = null;
        try (PreparedStatement used = c.prepareStatement("SELECT IS_USED_LOCK(?)")) {
            used.setString(1, lockName);
            try (ResultSet rs = used.executeQuery()) {
                if (rs.next()) {
                    long id = rs.getLong(1);
                    holderConnection = rs.wasNull() ? null : id;
                }
            }
        }
        holder = "database connection " + holderConnection;
        try (Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery("SELECT node_name, host_name, pid, started_at, connection_id"
                     + " FROM hub_owner WHERE id = 1")) {
            if (rs.next() && holderConnection != null && rs.getLong(5) == holderConnection) {
                holder = "hub " + rs.getString(1) + " on host " + rs.getString(2) + ", pid " + rs.getLong(3)
                        + ", started " + Instant.ofEpochMilli(rs.getLong(4)) + " (database connection "
                        + holderConnection + ")";
            }
        }
        return "Another hub already uses the event store in schema " + schema + ": " + holder + ". Two hubs on one"
                + " schema would hand out the same tokens; stop the other hub first, or give this one its own schema"
                + " (spring.datasource.url). A hub that is gone without closing its connection frees the lock within "
                + IDLE_TIMEOUT_SECONDS + " s";
    }

    private void check() {
        try {
            Connection c = connection;
            if (c != null && c.isValid(5)) {
                try (PreparedStatement used = c.prepareStatement("SELECT IS_USED_LOCK(?)")) {
                    used.setString(1, lockName);
                    try (ResultSet rs = used.executeQuery()) {
                        if (rs.next() && rs.getLong(1) == connectionId) {
                            return;
                        }
                    }
                }
            }
            log.warn("The connection holding the event store lock {} was lost; taking the lock again", lockName);
            closeQuietly(c);
            connection = null;
            Connection fresh = connections.open();
            try {
                acquire(fresh);
            } catch (IllegalStateException taken) {
                closeQuietly(fresh);
                lose(taken.getMessage());
            } catch (SQLException | RuntimeException e) {
                closeQuietly(fresh);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            // The database is unreachable: nobody else can take the lock on it either. Try again.
            log.warn("Checking the event store lock {} failed: {}", lockName, e.toString());
        }
    }

    private void lose(String why) {
        String reason = "This hub lost the event store lock of schema " + schema + " and stopped writing. " + why;
        lost = reason;
        log.error(reason);
        checker.shutdown();
        lostListeners.forEach(listener -> listener.accept(reason));
    }

    @Override
    public void destroy() {
        if (checker != null) {
            checker.shutdownNow();
        }
        Connection c = connection;
        connection = null;
        if (c != null) {
            try (PreparedStatement release = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                release.setString(1, lockName);
                release.executeQuery().close();
            } catch (SQLException e) {
                log.debug("Releasing the event store lock failed; closing its connection releases it: {}", e.toString());
            }
            closeQuietly(c);
        }
    }

    static String lockName(String schema) {
        String name = "sagashop-hub:" + schema;
        if (name.length() <= MAX_LOCK_NAME) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(schema.getBytes(StandardCharsets.UTF_8));
            return "sagashop-hub:" + HexFormat.of().formatHex(digest, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // gone anyway
            }
        }
    }
}
