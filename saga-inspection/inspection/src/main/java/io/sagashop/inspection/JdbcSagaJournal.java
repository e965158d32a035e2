package io.sagashop.inspection;

import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The journal in the application's schema ({@code saga_inspection_*}, created by the library's
 * migration). Plain JDBC on the application's data source: Spring's {@link JdbcTemplate} takes the
 * connection of the transaction bound to the thread, which is the one Axon's unit of work runs
 * the saga handling in, so the journal commits or rolls back with the saga itself.
 */
public class JdbcSagaJournal implements SagaJournal {

    static final int MAX_DETAIL = 2000;

    private final JdbcTemplate jdbc;

    public JdbcSagaJournal(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
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
        jdbc.update("INSERT INTO saga_inspection_timeline (saga_id, at, kind, message_name, service, detail) VALUES (?, ?, ?, ?, ?, ?)",
                sagaId, ts(at), kind.name(), messageName, service,
                detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL));
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
    public void ended(String sagaId, SagaState state, Instant at) {
        if (state == SagaState.ACTIVE || state == SagaState.STUCK) {
            throw new IllegalArgumentException("a saga ends COMPLETED, COMPENSATED or ENDED_BY_OPERATOR, not " + state);
        }
        jdbc.update("UPDATE saga_inspection_saga SET state = ?, current_step = ?, last_activity_at = GREATEST(last_activity_at, ?) "
                + "WHERE saga_id = ?", state.name(), DONE, ts(at), sagaId);
        jdbc.update("DELETE FROM saga_inspection_deadline WHERE saga_id = ?", sagaId);
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
