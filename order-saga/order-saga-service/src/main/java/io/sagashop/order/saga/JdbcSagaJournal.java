package io.sagashop.order.saga;

import io.sagashop.order.api.SagaState;
import io.sagashop.order.api.SagaTimelineEntryKind;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The journal in this service's schema. Plain JDBC on the application's data source, so that a
 * write from a saga handler joins the transaction Axon's unit of work runs in (a crashed
 * handling leaves no journal rows behind), and a write from a command callback commits alone.
 */
@Component
class JdbcSagaJournal implements SagaJournal {

    private static final int MAX_DETAIL = 2000;

    private final JdbcTemplate jdbc;

    JdbcSagaJournal(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void started(String sagaId, String orderId, Instant at, Instant orderDeadline) {
        jdbc.update("INSERT INTO saga_summary (saga_id, order_id, state, current_step, started_at, last_activity_at, order_deadline) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE last_activity_at = VALUES(last_activity_at)",
                sagaId, orderId, SagaState.ACTIVE.name(), "STARTED", ts(at), ts(at), orderDeadline == null ? null : ts(orderDeadline));
    }

    @Override
    public boolean otherSagaFor(String orderId, String sagaId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM saga_summary WHERE order_id = ? AND saga_id <> ?",
                Integer.class, orderId, sagaId);
        return count != null && count > 0;
    }

    @Override
    public boolean activeSagaFor(String orderId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM saga_summary WHERE order_id = ? AND state = ?",
                Integer.class, orderId, SagaState.ACTIVE.name());
        return count != null && count > 0;
    }

    @Override
    public void record(String sagaId, Instant at, SagaTimelineEntryKind kind, String messageName, String service, String detail) {
        jdbc.update("INSERT INTO saga_timeline (saga_id, at, kind, message_name, service, detail) VALUES (?, ?, ?, ?, ?, ?)",
                sagaId, ts(at), kind.name(), messageName, service,
                detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL));
    }

    @Override
    public void progressed(String sagaId, String step, Instant at) {
        jdbc.update("UPDATE saga_summary SET current_step = ?, last_activity_at = GREATEST(last_activity_at, ?) WHERE saga_id = ?",
                step, ts(at), sagaId);
    }

    @Override
    public void deadlineSet(String sagaId, String deadlineName, String deadlineId, Instant dueAt) {
        jdbc.update("INSERT INTO saga_deadline (deadline_id, saga_id, deadline_name, due_at) VALUES (?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE due_at = VALUES(due_at)", deadlineId, sagaId, deadlineName, ts(dueAt));
    }

    @Override
    public void deadlineGone(String sagaId, String deadlineId) {
        jdbc.update("DELETE FROM saga_deadline WHERE saga_id = ? AND deadline_id = ?", sagaId, deadlineId);
    }

    @Override
    public void deadlinesGone(String sagaId, String deadlineName, Instant dueAt) {
        jdbc.update("DELETE FROM saga_deadline WHERE saga_id = ? AND deadline_name = ? AND due_at <= ?",
                sagaId, deadlineName, ts(dueAt));
    }

    @Override
    public void ended(String sagaId, SagaState state, Instant at) {
        jdbc.update("UPDATE saga_summary SET state = ?, current_step = ?, last_activity_at = GREATEST(last_activity_at, ?) "
                + "WHERE saga_id = ?", state.name(), SagaStep.DONE.name(), ts(at), sagaId);
        jdbc.update("DELETE FROM saga_deadline WHERE saga_id = ?", sagaId);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
