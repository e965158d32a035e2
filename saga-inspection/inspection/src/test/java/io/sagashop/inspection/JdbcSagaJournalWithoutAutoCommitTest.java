package io.sagashop.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.inspection.api.SagaTimelineEntryKind;
import io.sagashop.platform.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The services' pools hand out connections that do not auto-commit (the platform's defaults), so
 * an entry the journal writes outside any transaction (a command's callback reporting a failure)
 * must commit by itself; one written in a transaction commits or rolls back with it.
 */
class JdbcSagaJournalWithoutAutoCommitTest {

    private String schema;
    private SingleConnectionDataSource journalConnection;
    private SingleConnectionDataSource readerConnection;
    private JdbcSagaJournal journal;
    private JdbcTemplate reader;

    @BeforeEach
    void journalOnAConnectionThatDoesNotAutoCommit() throws SQLException {
        schema = TestDatabase.createSchema("journal_no_autocommit");
        readerConnection = new SingleConnectionDataSource(TestDatabase.jdbcUrl(schema), TestDatabase.username(),
                TestDatabase.password(), true);
        try (Connection connection = readerConnection.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/saga-inspection/V0_50__saga_inspection_journal.sql"));
        }
        reader = new JdbcTemplate(readerConnection);
        journalConnection = new SingleConnectionDataSource(TestDatabase.jdbcUrl(schema), TestDatabase.username(),
                TestDatabase.password(), true);
        journalConnection.setAutoCommit(false);
        journal = new JdbcSagaJournal(journalConnection);
    }

    @AfterEach
    void dropSchema() {
        journalConnection.destroy();
        readerConnection.destroy();
        TestDatabase.dropSchema(schema);
    }

    @Test
    void anEntryRecordedOutsideATransactionIsCommittedAtOnce() {
        journal.record("saga-1", Instant.now(), SagaTimelineEntryKind.COMMAND_FAILED, "ReserveStock", "catalog", "REFUSED");

        assertThat(entriesSeenByAnotherConnection("saga-1")).isEqualTo(1);
    }

    @Test
    void anEntryRecordedInARolledBackTransactionIsNotWritten() {
        TransactionTemplate transactions = new TransactionTemplate(new JdbcTransactionManager(journalConnection));

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
