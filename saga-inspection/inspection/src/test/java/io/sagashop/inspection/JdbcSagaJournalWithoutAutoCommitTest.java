package io.sagashop.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.inspection.api.SagaTimelineEntryKind;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The services' pools hand out connections that do not auto-commit (the platform's defaults), so
 * an entry the journal writes outside any transaction (a command's callback reporting a failure)
 * must commit by itself; one written in a transaction commits or rolls back with it.
 */
class JdbcSagaJournalWithoutAutoCommitTest {

    private JournalOnMariaDb db;
    private JdbcSagaJournal journal;
    private JdbcTemplate reader;

    @BeforeEach
    void journalOnAConnectionThatDoesNotAutoCommit() throws SQLException {
        db = new JournalOnMariaDb("journal_no_autocommit");
        journal = db.journal;
        reader = db.reader;
    }

    @AfterEach
    void dropSchema() {
        db.close();
    }

    @Test
    void anEntryRecordedOutsideATransactionIsCommittedAtOnce() {
        journal.record("saga-1", Instant.now(), SagaTimelineEntryKind.COMMAND_FAILED, "ReserveStock", "catalog", "REFUSED");

        assertThat(entriesSeenByAnotherConnection("saga-1")).isEqualTo(1);
    }

    @Test
    void anEntryRecordedInARolledBackTransactionIsNotWritten() {
        TransactionTemplate transactions = db.transactions;

        transactions.executeWithoutResult(status -> {
            journal.record("saga-2", Instant.now(), SagaTimelineEntryKind.COMMAND_SENT, "ReserveStock", "order-saga", null);
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status ->
                journal.record("saga-3", Instant.now(), SagaTimelineEntryKind.COMMAND_SENT, "ReserveStock", "order-saga", null));

        assertThat(entriesSeenByAnotherConnection("saga-2")).isZero();
        assertThat(entriesSeenByAnotherConnection("saga-3")).isEqualTo(1);
    }

    private int entriesSeenByAnotherConnection(String sagaId) {
        Integer count = reader.queryForObject("SELECT COUNT(*) FROM saga_inspection_timeline WHERE saga_id = ?", Integer.class, sagaId);
        return count == null ? 0 : count;
    }
}
