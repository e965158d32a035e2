package io.sagashop.inspection;

import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journal in the application's schema ({@code saga_inspection_*}, created by the library's
 * migration). Plain JDBC on the application's data source: Spring's {@link JdbcTemplate} takes the
 * connection of the transaction bound to the thread, which is the one Axon's unit of work runs
 * the saga handling in, so the journal commits or rolls back with the saga itself.
 *
 * <p>Timeline entries, the bulk of the writes (a dozen per order, nothing in the handling reads
 * them back), are kept until the transaction is about to commit and then written in as few
 * multi-row INSERTs as possible: a pooled processor's batch of events for many sagas costs a
 * statement or two instead of one per entry. Outside a transaction (a command's callback) an entry
 * is written at once, in a transaction of its own: the services' connections do not commit by
 * themselves (the platform turns the pool's auto-commit off).
 */
public class JdbcSagaJournal implements SagaJournal {

    static final int MAX_DETAIL = 2000;
    /** The most timeline rows one INSERT writes. */
    static final int MAX_ROWS_PER_INSERT = 64;
    private static final String TIMELINE_INSERT =
            "INSERT INTO saga_inspection_timeline (saga_id, at, kind, message_name, service, detail) VALUES ";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public JdbcSagaJournal(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.ownTransaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    @Override
    public void started(String sagaType, String sagaId, String key, Instant at, Instant dueAt) {
        require(sagaType, "sagaType");
        require(sagaId, "sagaId");
        require(key, "key");
        jdbc.update("INSERT INTO saga_inspection_saga (saga_id, saga_type, business_key, state, current_step, started_at, "
                        + "last_activity_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE last_activity_at = VALUES(last_activity_at)",
                sagaId, sagaType, key, SagaState.ACTIVE.name(), "STARTED", ts(at), ts(at), dueAt == null ? null : ts(dueAt));
    }

    @Override
    public boolean otherSagaFor(String key, String sagaId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM saga_inspection_saga WHERE business_key = ? AND saga_id <> ?",
                Integer.class, key, sagaId);
        return count != null && count > 0;
    }

    @Override
    public boolean activeSagaFor(String key) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM saga_inspection_saga WHERE business_key = ? AND state = ?",
                Integer.class, key, SagaState.ACTIVE.name());
        return count != null && count > 0;
    }

    @Override
    public void record(String sagaId, Instant at, SagaTimelineEntryKind kind, String messageName, String service, String detail) {
        TimelineRow row = new TimelineRow(sagaId, ts(at), kind.name(), messageName, service,
                detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            pendingTimeline().add(row);
        } else {
            ownTransaction.executeWithoutResult(status -> insertTimeline(List.of(row)));
        }
    }

    /** This transaction's timeline entries not written yet; written just before it commits, dropped if it rolls back. */
    @SuppressWarnings("unchecked")
    private List<TimelineRow> pendingTimeline() {
        List<TimelineRow> pending = (List<TimelineRow>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<TimelineRow> rows = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, rows);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    insertTimeline(rows);
                    rows.clear();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(JdbcSagaJournal.this);
                }
            });
            pending = rows;
        }
        return pending;
    }

    /**
     * Writes the rows in order, in multi-row INSERTs of power-of-two sizes up to {@link #MAX_ROWS_PER_INSERT},
     * so that the driver's prepared-statement cache holds a handful of statement shapes, not one per batch size.
     */
    private void insertTimeline(List<TimelineRow> rows) {
        int from = 0;
        while (from < rows.size()) {
            int size = Math.min(MAX_ROWS_PER_INSERT, Integer.highestOneBit(rows.size() - from));
            List<TimelineRow> chunk = rows.subList(from, from + size);
            Object[] values = new Object[size * TimelineRow.COLUMNS];
            for (int i = 0; i < size; i++) {
                chunk.get(i).copyInto(values, i * TimelineRow.COLUMNS);
            }
            jdbc.update(TIMELINE_INSERT + String.join(", ", Collections.nCopies(size, TimelineRow.PLACEHOLDERS)), values);
            from += size;
        }
    }

    /** One timeline entry as it is written. */
    private record TimelineRow(String sagaId, Timestamp at, String kind, String messageName, String service, String detail) {
        static final int COLUMNS = 6;
        static final String PLACEHOLDERS = Collections.nCopies(COLUMNS, "?").stream().collect(Collectors.joining(", ", "(", ")"));

        void copyInto(Object[] values, int offset) {
            values[offset] = sagaId;
            values[offset + 1] = at;
            values[offset + 2] = kind;
            values[offset + 3] = messageName;
            values[offset + 4] = service;
            values[offset + 5] = detail;
        }
    }

    @Override
    public void progressed(String sagaId, String step, Instant at) {
        jdbc.update("UPDATE saga_inspection_saga SET current_step = ?, last_activity_at = GREATEST(last_activity_at, ?) "
                + "WHERE saga_id = ?", step, ts(at), sagaId);
    }

    @Override
    public void deadlineSet(String sagaId, String deadlineName, String deadlineId, Instant dueAt) {
        jdbc.update("INSERT INTO saga_inspection_deadline (deadline_id, saga_id, deadline_name, due_at) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE due_at = VALUES(due_at)", deadlineId, sagaId, deadlineName, ts(dueAt));
    }

    @Override
    public void deadlineGone(String sagaId, String deadlineId) {
        jdbc.update("DELETE FROM saga_inspection_deadline WHERE saga_id = ? AND deadline_id = ?", sagaId, deadlineId);
    }

    @Override
    public void deadlinesGone(String sagaId, String deadlineName, Instant dueAt) {
        jdbc.update("DELETE FROM saga_inspection_deadline WHERE saga_id = ? AND deadline_name = ? AND due_at <= ?",
                sagaId, deadlineName, ts(dueAt));
    }

    @Override
    public void ended(String sagaType, String sagaId, SagaState state, Instant at) {
        if (state == SagaState.ACTIVE || state == SagaState.STUCK) {
            throw new IllegalArgumentException("a saga ends COMPLETED, COMPENSATED or ENDED_BY_OPERATOR, not " + state);
        }
        int ended = jdbc.update("UPDATE saga_inspection_saga SET state = ?, current_step = ?, "
                + "last_activity_at = GREATEST(last_activity_at, ?) WHERE saga_id = ? AND state = ?",
                state.name(), DONE, ts(at), sagaId, SagaState.ACTIVE.name());
        if (ended == 1) {
            jdbc.update("INSERT INTO saga_inspection_ended (saga_type, state, slot, sagas) VALUES (?, ?, ?, 1) "
                    + "ON DUPLICATE KEY UPDATE sagas = sagas + 1", sagaType, state.name(), slot(sagaId));
        }
        jdbc.update("DELETE FROM saga_inspection_deadline WHERE saga_id = ?", sagaId);
    }

    /** Slots per type and state in {@code saga_inspection_ended}: sagas ending together rarely share a row. */
    static final int SLOTS = 16;

    /** The counter row a saga's end is counted in, and taken back from when it is pruned. */
    static int slot(String sagaId) {
        return Math.floorMod(sagaId.hashCode(), SLOTS);
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
