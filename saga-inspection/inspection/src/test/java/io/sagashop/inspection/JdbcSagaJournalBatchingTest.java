package io.sagashop.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.inspection.api.SagaState;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction's progress and deadlines are kept by the journal until it commits and then
 * written in one statement per kind, the last of each saga and deadline winning; a deletion or an
 * end in the same transaction wins over what it supersedes, and a rollback writes nothing. The
 * statements are counted on the journal's own connection (MariaDB's session counters).
 */
class JdbcSagaJournalBatchingTest {

    private static final Instant T = Instant.parse("2026-12-07T12:00:00Z");

    private JournalOnMariaDb db;
    private JdbcSagaJournal journal;
    private JdbcTemplate reader;
    private JdbcTemplate journalSession;
    private TransactionTemplate transactions;

    @BeforeEach
    void journalWithTwoSagas() throws SQLException {
        db = new JournalOnMariaDb("journal_batching");
        journal = db.journal;
        reader = db.reader;
        journalSession = new JdbcTemplate(db.journalConnection);
        transactions = db.transactions;
        transactions.executeWithoutResult(status -> {
            journal.started("toy", "saga-a", "key-a", T, null);
            journal.started("toy", "saga-b", "key-b", T, null);
        });
    }

    @AfterEach
    void dropSchema() {
        db.close();
    }

    @Test
    void progressAndDeadlinesAreWrittenOncePerKindWhenTheTransactionCommits() {
        transactions.executeWithoutResult(status -> {
            long updatesBefore = sessionCount("Com_update");
            long insertsBefore = sessionCount("Com_insert");
            journal.progressed("saga-a", "RESERVING", T.plusSeconds(1));
            journal.deadlineSet("saga-a", "step", "d-a", T.plusSeconds(11));
            journal.progressed("saga-a", "PAYING", T.plusSeconds(2));
            journal.deadlineSet("saga-a", "step", "d-a", T.plusSeconds(12));
            journal.progressed("saga-b", "RESERVING", T.plusSeconds(3));
            journal.deadlineSet("saga-b", "step", "d-b", T.plusSeconds(13));
            journal.deadlineGone("saga-b", "d-b");
            journal.deadlineSet("saga-b", "order", "d-b-order", T.plusSeconds(30));
            // an older progress arriving later moves the step but not the last activity back
            journal.progressed("saga-b", "RESERVED", T.plusSeconds(2));

            assertThat(reader.queryForList("SELECT current_step FROM saga_inspection_saga ORDER BY saga_id", String.class))
                    .as("nothing written before the commit").containsExactly("STARTED", "STARTED");
            assertThat(sessionCount("Com_update") - updatesBefore).isZero();
            assertThat(sessionCount("Com_insert") - insertsBefore).isZero();
            org.springframework.transaction.support.TransactionSynchronizationManager.getSynchronizations()
                    .forEach(synchronization -> synchronization.beforeCommit(false));
            assertThat(sessionCount("Com_update") - updatesBefore).as("one UPDATE for both sagas").isEqualTo(1);
            assertThat(sessionCount("Com_insert") - insertsBefore).as("one upsert for both deadlines").isEqualTo(1);
        });

        assertThat(step("saga-a")).containsEntry("current_step", "PAYING");
        assertThat(lastActivity("saga-a")).isEqualTo(T.plusSeconds(2));
        assertThat(step("saga-b")).containsEntry("current_step", "RESERVED");
        assertThat(lastActivity("saga-b")).isEqualTo(T.plusSeconds(3));
        assertThat(reader.queryForList("SELECT CONCAT(deadline_id, ' ', DATE_FORMAT(due_at, '%H:%i:%s')) FROM "
                + "saga_inspection_deadline ORDER BY deadline_id", String.class))
                .containsExactly("d-a 12:00:12", "d-b-order 12:00:30");
    }

    @Test
    void anEndInTheSameTransactionWinsOverItsProgressAndDeadlines() {
        transactions.executeWithoutResult(status -> {
            journal.progressed("saga-a", "CONFIRMING", T.plusSeconds(5));
            journal.deadlineSet("saga-a", "step", "d-a", T.plusSeconds(15));
            journal.ended("toy", "saga-a", SagaState.COMPLETED, T.plusSeconds(4));
        });

        assertThat(step("saga-a")).containsEntry("current_step", SagaJournal.DONE).containsEntry("state", "COMPLETED");
        assertThat(lastActivity("saga-a")).isEqualTo(T.plusSeconds(5));
        assertThat(reader.queryForObject("SELECT COUNT(*) FROM saga_inspection_deadline", Integer.class)).isZero();
    }

    @Test
    void aRolledBackTransactionWritesNoneOfItsProgressOrDeadlines() {
        transactions.executeWithoutResult(status -> {
            journal.progressed("saga-a", "PAYING", T.plusSeconds(2));
            journal.deadlineSet("saga-a", "step", "d-a", T.plusSeconds(12));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> journal.progressed("saga-b", "PAYING", T.plusSeconds(2)));

        assertThat(step("saga-a")).containsEntry("current_step", "STARTED");
        assertThat(step("saga-b")).containsEntry("current_step", "PAYING");
        assertThat(reader.queryForObject("SELECT COUNT(*) FROM saga_inspection_deadline", Integer.class)).isZero();
    }

    private Map<String, Object> step(String sagaId) {
        return reader.queryForMap("SELECT current_step, state, last_activity_at FROM saga_inspection_saga WHERE saga_id = ?",
                sagaId);
    }

    private Instant lastActivity(String sagaId) {
        return reader.queryForObject("SELECT last_activity_at FROM saga_inspection_saga WHERE saga_id = ?", Timestamp.class,
                sagaId).toInstant();
    }

    /** A statement counter of the journal's connection. */
    private long sessionCount(String name) {
        return journalSession.queryForObject("SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = ?",
                Long.class, name.toUpperCase());
    }
}
