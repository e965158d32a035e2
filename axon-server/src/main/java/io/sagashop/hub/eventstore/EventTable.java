package io.sagashop.hub.eventstore;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The SQL of the event store, plain JDBC. The same statements run on MariaDB/MySQL and on H2 in
 * MySQL mode. Aggregate identifiers are stored as their UTF-8 bytes.
 */
final class EventTable {

    static final String INSERT_PREFIX =
            "INSERT INTO hub_event (context_id, global_index, aggregate_id, sequence_number, time_stamp, event) VALUES ";
    /** A row of {@link #INSERT_PREFIX} after its context id, which the writer puts in as a literal. */
    static final String INSERT_ROW_AFTER_CONTEXT = ",?,?,?,?,?)";
    private static final int LOOKUP_CHUNK = 500;

    private final DataSource dataSource;

    EventTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    static byte[] id(String aggregateId) {
        return aggregateId.getBytes(StandardCharsets.UTF_8);
    }

    static boolean isDuplicateKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** The number of a context, created on first use. */
    short contextId(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Short existing = findContext(c, name);
            if (existing != null) {
                return existing;
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO hub_context (id, name) SELECT COALESCE(MAX(id), 0) + 1, ? FROM hub_context")) {
                insert.setString(1, name);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!isDuplicateKey(e)) {
                    throw e;
                }
            }
            Short created = findContext(c, name);
            if (created == null) {
                throw new SQLException("context " + name + " could not be registered");
            }
            return created;
        }
    }

    private static Short findContext(Connection c, String name) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM hub_context WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getShort(1) : null;
            }
        }
    }

    /** The highest token of a context, -1 when it has no events. */
    long maxIndex(short context) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT MAX(global_index) FROM hub_event WHERE context_id = ?")) {
            select.setShort(1, context);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                long max = rs.getLong(1);
                return rs.wasNull() ? -1 : max;
            }
        }
    }

    /** The last sequence number of each of the given aggregates that has events (absent: none). */
    static Map<String, Long> lastSequences(Connection c, short context, Collection<String> aggregateIds)
            throws SQLException {
        Map<String, Long> found = new HashMap<>();
        Iterator<String> ids = aggregateIds.iterator();
        while (ids.hasNext()) {
            List<String> chunk = new ArrayList<>(LOOKUP_CHUNK);
            while (ids.hasNext() && chunk.size() < LOOKUP_CHUNK) {
                chunk.add(ids.next());
            }
            StringBuilder sql = new StringBuilder(
                    "SELECT aggregate_id, MAX(sequence_number) FROM hub_event WHERE context_id = ? AND aggregate_id IN (");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "?" : ",?");
            }
            // Grouping by the whole index prefix lets MariaDB jump to each aggregate's last entry
            // (loose index scan) instead of reading every event of the aggregate.
            sql.append(") GROUP BY context_id, aggregate_id");
            try (PreparedStatement select = c.prepareStatement(sql.toString())) {
                select.setShort(1, context);
                for (int i = 0; i < chunk.size(); i++) {
                    select.setBytes(i + 2, id(chunk.get(i)));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.put(new String(rs.getBytes(1), StandardCharsets.UTF_8), rs.getLong(2));
                    }
                }
            }
        }
        return found;
    }

    /** The events with tokens {@code from..to} (inclusive), in token order. */
    List<StoredEvent> readRange(short context, long from, long to) throws SQLException {
        List<StoredEvent> events = new ArrayList<>((int) Math.min(to - from + 1, 10_000));
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT global_index, event FROM hub_event WHERE context_id = ? AND global_index >= ?"
                             + " AND global_index <= ? ORDER BY global_index")) {
            select.setShort(1, context);
            select.setLong(2, from);
            select.setLong(3, to);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    events.add(new StoredEvent(rs.getLong(1), rs.getBytes(2)));
                }
            }
        }
        return events;
    }

    /** Up to {@code limit} events with tokens at most {@code to}, newest first. */
    List<StoredEvent> readDescending(short context, long to, int limit) throws SQLException {
        List<StoredEvent> events = new ArrayList<>(limit);
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT global_index, event FROM hub_event WHERE context_id = ? AND global_index <= ?"
                             + " ORDER BY global_index DESC LIMIT ?")) {
            select.setShort(1, context);
            select.setLong(2, to);
            select.setInt(3, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    events.add(new StoredEvent(rs.getLong(1), rs.getBytes(2)));
                }
            }
        }
        return events;
    }

    /** The events of one aggregate with sequence numbers {@code from..to}, in sequence order. */
    int readAggregate(short context, String aggregateId, long from, long to, int limit,
                      Consumer<StoredEvent> target) throws SQLException {
        int count = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT global_index, event FROM hub_event WHERE context_id = ? AND aggregate_id = ?"
                             + " AND sequence_number >= ? AND sequence_number <= ? ORDER BY sequence_number LIMIT ?")) {
            select.setShort(1, context);
            select.setBytes(2, id(aggregateId));
            select.setLong(3, from);
            select.setLong(4, to);
            select.setInt(5, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    target.accept(new StoredEvent(rs.getLong(1), rs.getBytes(2)));
                    count++;
                }
            }
        }
        return count;
    }

    /** Every event of one aggregate, newest first. */
    List<StoredEvent> readAggregateDescending(short context, String aggregateId, long toToken) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT global_index, event FROM hub_event WHERE context_id = ? AND aggregate_id = ?"
                             + " AND global_index <= ? ORDER BY sequence_number DESC")) {
            select.setShort(1, context);
            select.setBytes(2, id(aggregateId));
            select.setLong(3, toToken);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    events.add(new StoredEvent(rs.getLong(1), rs.getBytes(2)));
                }
            }
        }
        return events;
    }

    /** The highest sequence number of an aggregate, -1 when it has no events (one index probe). */
    long highestSequence(short context, String aggregateId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT MAX(sequence_number) FROM hub_event WHERE context_id = ? AND aggregate_id = ?")) {
            select.setShort(1, context);
            select.setBytes(2, id(aggregateId));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                long highest = rs.getLong(1);
                return rs.wasNull() ? -1 : highest;
            }
        }
    }

    /**
     * The token of the first event with a timestamp at or after {@code instant}, -1 when none.
     * Timestamps come from the clients, so they follow token order only roughly. Without an index
     * on time (every append would pay for it), a binary search over the tokens (primary key
     * lookups) finds the first token whose event qualifies as if timestamps were in token order;
     * then the {@code lookBack} tokens before it are checked for an earlier event that also
     * qualifies. Exact as long as clocks disagree by less than that many events; never a scan of
     * the whole store: about log2(head) lookups and one range of {@code lookBack} rows.
     */
    long firstTokenAt(short context, long head, long instant, int lookBack) throws SQLException {
        if (head < 0) {
            return -1;
        }
        try (Connection c = dataSource.getConnection()) {
            long low = 0;
            long high = head + 1;
            try (PreparedStatement probe = c.prepareStatement(
                    "SELECT time_stamp FROM hub_event WHERE context_id = ? AND global_index >= ?"
                            + " ORDER BY global_index LIMIT 1")) {
                probe.setShort(1, context);
                while (low < high) {
                    long middle = (low + high) >>> 1;
                    probe.setLong(2, middle);
                    boolean qualifies;
                    try (ResultSet rs = probe.executeQuery()) {
                        // No event at or after the middle (a purge raced): nothing qualifies there.
                        qualifies = !rs.next() || rs.getLong(1) >= instant;
                    }
                    if (qualifies) {
                        high = middle;
                    } else {
                        low = middle + 1;
                    }
                }
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT MIN(global_index) FROM hub_event WHERE context_id = ? AND global_index >= ?"
                            + " AND global_index < ? AND time_stamp >= ?")) {
                select.setShort(1, context);
                select.setLong(2, Math.max(0, low - lookBack));
                select.setLong(3, Math.min(low, head + 1));
                select.setLong(4, instant);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    long earlier = rs.getLong(1);
                    if (!rs.wasNull()) {
                        return earlier;
                    }
                }
            }
            return low <= head ? low : -1;
        }
    }

    void storeSnapshot(short context, String aggregateId, long sequence, long timestamp, byte[] event)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement upsert = c.prepareStatement(
                     "INSERT INTO hub_snapshot (context_id, aggregate_id, sequence_number, time_stamp, event)"
                             + " VALUES (?,?,?,?,?) ON DUPLICATE KEY UPDATE time_stamp = VALUES(time_stamp),"
                             + " event = VALUES(event)")) {
            upsert.setShort(1, context);
            upsert.setBytes(2, id(aggregateId));
            upsert.setLong(3, sequence);
            upsert.setLong(4, timestamp);
            upsert.setBytes(5, event);
            upsert.executeUpdate();
        }
    }

    /** Snapshots with sequence numbers {@code from..to}, newest first, at most {@code limit}. */
    List<byte[]> snapshots(short context, String aggregateId, long from, long to, int limit) throws SQLException {
        List<byte[]> snapshots = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT event FROM hub_snapshot WHERE context_id = ? AND aggregate_id = ?"
                             + " AND sequence_number >= ? AND sequence_number <= ? ORDER BY sequence_number DESC LIMIT ?")) {
            select.setShort(1, context);
            select.setBytes(2, id(aggregateId));
            select.setLong(3, from);
            select.setLong(4, to);
            select.setInt(5, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    snapshots.add(rs.getBytes(1));
                }
            }
        }
        return snapshots;
    }

    /**
     * One page of a context's snapshots for QueryEvents, newest first (by time, then aggregate and
     * sequence), after skipping {@code offset}; each as (sequence number, event bytes).
     */
    List<StoredEvent> snapshotPage(short context, long offset, int limit) throws SQLException {
        List<StoredEvent> snapshots = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT sequence_number, event FROM hub_snapshot WHERE context_id = ?"
                             + " ORDER BY time_stamp DESC, aggregate_id, sequence_number DESC LIMIT ? OFFSET ?")) {
            select.setShort(1, context);
            select.setInt(2, limit);
            select.setLong(3, offset);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    snapshots.add(new StoredEvent(rs.getLong(1), rs.getBytes(2)));
                }
            }
        }
        return snapshots;
    }

    /** Deletes every event, snapshot and scheduled event of a context (dev mode only). */
    static void purge(Connection c, short context) throws SQLException {
        for (String table : List.of("hub_event", "hub_snapshot", "hub_scheduled_event")) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE context_id = ?")) {
                delete.setShort(1, context);
                delete.executeUpdate();
            }
        }
    }
}
