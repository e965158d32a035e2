package io.sagashop.inspection;

import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 * statement or two instead of one per entry. Progress (a saga's step and last activity) and
 * deadlines set are kept the same way, the last of each saga or deadline winning, and written in
 * one statement per kind and batch: they were two statements per event handled, a tenth of the
 * order service's statements (docs/performance.md, session 20). Deletions and ends are written at
 * once and drop what they supersede from what is kept. Outside a transaction (a command's
 * callback) an entry is written at once, in a transaction of its own: the services' connections do
 * not commit by themselves (the platform turns the pool's auto-commit off).
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
            pending().timeline.add(row);
        } else {
            ownTransaction.executeWithoutResult(status -> insertTimeline(List.of(row)));
        }
    }

    /** What this transaction wrote but the database has not seen yet: written just before it commits, dropped if it rolls back. */
    private Pending pending() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Pending created = new Pending();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    created.flush();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(JdbcSagaJournal.this);
                }
            });
            pending = created;
        }
        return pending;
    }

    /** The pending writes of one transaction, in the order they are flushed. */
    private final class Pending {
        final List<TimelineRow> timeline = new ArrayList<>();
        /** Per deadline id, the last due time set. */
        final Map<String, DeadlineRow> deadlines = new LinkedHashMap<>();
        /** Per saga, the last step and the latest activity. */
        final Map<String, ProgressRow> progress = new LinkedHashMap<>();

        void flush() {
            insertTimeline(timeline);
            upsertDeadlines(new ArrayList<>(deadlines.values()));
            updateProgress(new ArrayList<>(progress.values()));
            timeline.clear();
            deadlines.clear();
            progress.clear();
        }
    }

    /** A saga's pending progress. */
    private record ProgressRow(String sagaId, String step, Timestamp at) {
    }

    /** A deadline's pending due time. */
    private record DeadlineRow(String deadlineId, String sagaId, String name, Timestamp dueAt) {
    }

    /** The pending writes if a transaction is active, else null (write at once). */
    private Pending pendingIfTransaction() {
        return TransactionSynchronizationManager.isSynchronizationActive() ? pending() : null;
    }

    /**
     * Writes the rows in order, in multi-row INSERTs of power-of-two sizes up to {@link #MAX_ROWS_PER_INSERT},
     * so that the driver's prepared-statement cache holds a handful of statement shapes, not one per batch size.
     */
    private void insertTimeline(List<TimelineRow> rows) {
        inChunks(rows, chunk -> {
            Object[] values = new Object[chunk.size() * TimelineRow.COLUMNS];
            for (int i = 0; i < chunk.size(); i++) {
                chunk.get(i).copyInto(values, i * TimelineRow.COLUMNS);
            }
            jdbc.update(TIMELINE_INSERT + String.join(", ", Collections.nCopies(chunk.size(), TimelineRow.PLACEHOLDERS)), values);
        });
    }

    /** Sets each deadline's due time, inserting the deadlines new to the table. */
    private void upsertDeadlines(List<DeadlineRow> rows) {
        inChunks(rows, chunk -> {
            List<Object> values = new ArrayList<>(chunk.size() * 4);
            chunk.forEach(row -> values.addAll(Arrays.asList(row.deadlineId(), row.sagaId(), row.name(), row.dueAt())));
            jdbc.update("INSERT INTO saga_inspection_deadline (deadline_id, saga_id, deadline_name, due_at) VALUES "
                    + String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?, ?)"))
                    + " ON DUPLICATE KEY UPDATE due_at = VALUES(due_at)", values.toArray());
        });
    }

    /**
     * Moves each saga to its step and its last activity forward, never back. One UPDATE for many sagas
     * names each saga's values in a {@code CASE}: an upsert would insert a row for a saga the journal
     * does not hold (its start was pruned), which this must not.
     */
    private void updateProgress(List<ProgressRow> rows) {
        inChunks(rows, chunk -> {
            if (chunk.size() == 1) {
                ProgressRow row = chunk.get(0);
                jdbc.update("UPDATE saga_inspection_saga SET current_step = ?, last_activity_at = GREATEST(last_activity_at, ?) "
                        + "WHERE saga_id = ?", row.step(), row.at(), row.sagaId());
                return;
            }
            String cases = String.join(" ", Collections.nCopies(chunk.size(), "WHEN ? THEN ?"));
            List<Object> values = new ArrayList<>(chunk.size() * 5);
            chunk.forEach(row -> values.addAll(List.of(row.sagaId(), row.step())));
            chunk.forEach(row -> values.addAll(List.of(row.sagaId(), row.at())));
            chunk.forEach(row -> values.add(row.sagaId()));
            jdbc.update("UPDATE saga_inspection_saga SET current_step = CASE saga_id " + cases + " END, "
                    + "last_activity_at = GREATEST(last_activity_at, CASE saga_id " + cases + " END) WHERE saga_id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", values.toArray());
        });
    }

    /** Hands the rows on in order, in chunks of power-of-two sizes up to {@link #MAX_ROWS_PER_INSERT}. */
    private static <T> void inChunks(List<T> rows, Consumer<List<T>> write) {
        int from = 0;
        while (from < rows.size()) {
            int size = Math.min(MAX_ROWS_PER_INSERT, Integer.highestOneBit(rows.size() - from));
            write.accept(rows.subList(from, from + size));
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
        Pending pending = pendingIfTransaction();
        if (pending == null) {
            updateProgress(List.of(new ProgressRow(sagaId, step, ts(at))));
            return;
        }
        pending.progress.merge(sagaId, new ProgressRow(sagaId, step, ts(at)), (earlier, later) ->
                new ProgressRow(sagaId, later.step(), later.at().before(earlier.at()) ? earlier.at() : later.at()));
    }

    @Override
    public void deadlineSet(String sagaId, String deadlineName, String deadlineId, Instant dueAt) {
        DeadlineRow row = new DeadlineRow(deadlineId, sagaId, deadlineName, ts(dueAt));
        Pending pending = pendingIfTransaction();
        if (pending == null) {
            upsertDeadlines(List.of(row));
        } else {
            pending.deadlines.put(deadlineId, row);
        }
    }

    @Override
    public void deadlineGone(String sagaId, String deadlineId) {
        Pending pending = pendingIfTransaction();
        if (pending != null) {
            pending.deadlines.remove(deadlineId);
        }
        // Also when it was set in this transaction: an earlier one may have stored it (a due time moved).
        jdbc.update("DELETE FROM saga_inspection_deadline WHERE saga_id = ? AND deadline_id = ?", sagaId, deadlineId);
    }

    @Override
    public void deadlinesGone(String sagaId, String deadlineName, Instant dueAt) {
        Pending pending = pendingIfTransaction();
        if (pending != null) {
            Timestamp due = ts(dueAt);
            pending.deadlines.values().removeIf(row -> row.sagaId().equals(sagaId) && row.name().equals(deadlineName)
                    && !row.dueAt().after(due));
        }
        jdbc.update("DELETE FROM saga_inspection_deadline WHERE saga_id = ? AND deadline_name = ? AND due_at <= ?",
                sagaId, deadlineName, ts(dueAt));
    }

    @Override
    public void ended(String sagaType, String sagaId, SagaState state, Instant at) {
        if (state == SagaState.ACTIVE || state == SagaState.STUCK) {
            throw new IllegalArgumentException("a saga ends COMPLETED, COMPENSATED or ENDED_BY_OPERATOR, not " + state);
        }
        Pending pending = pendingIfTransaction();
        Instant lastActivity = at;
        if (pending != null) {
            // The end supersedes this transaction's progress (its step is DONE) and deadlines.
            ProgressRow progress = pending.progress.remove(sagaId);
            if (progress != null && progress.at().toInstant().isAfter(at)) {
                lastActivity = progress.at().toInstant();
            }
            pending.deadlines.values().removeIf(row -> row.sagaId().equals(sagaId));
        }
        int ended = jdbc.update("UPDATE saga_inspection_saga SET state = ?, current_step = ?, "
                + "last_activity_at = GREATEST(last_activity_at, ?) WHERE saga_id = ? AND state = ?",
                state.name(), DONE, ts(lastActivity), sagaId, SagaState.ACTIVE.name());
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
