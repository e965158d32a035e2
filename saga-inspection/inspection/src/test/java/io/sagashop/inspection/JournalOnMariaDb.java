package io.sagashop.inspection;

import io.sagashop.platform.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A schema of its own with the journal's tables, a connection for the journal that does not
 * auto-commit (as the services' pools hand them out) and another one reading what was committed.
 */
final class JournalOnMariaDb implements AutoCloseable {

    final String schema;
    final SingleConnectionDataSource journalConnection;
    final SingleConnectionDataSource readerConnection;
    final JdbcSagaJournal journal;
    final JdbcTemplate reader;
    final TransactionTemplate transactions;

    JournalOnMariaDb(String name) throws SQLException {
        schema = TestDatabase.createSchema(name);
        readerConnection = new SingleConnectionDataSource(TestDatabase.jdbcUrl(schema), TestDatabase.username(),
                TestDatabase.password(), true);
        try (Connection connection = readerConnection.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/saga-inspection/V0_50__saga_inspection_journal.sql"));
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/saga-inspection/V0_51__saga_inspection_ended_counts.sql"));
        }
        reader = new JdbcTemplate(readerConnection);
        journalConnection = new SingleConnectionDataSource(TestDatabase.jdbcUrl(schema), TestDatabase.username(),
                TestDatabase.password(), true);
        journalConnection.setAutoCommit(false);
        journal = new JdbcSagaJournal(journalConnection);
        transactions = new TransactionTemplate(new JdbcTransactionManager(journalConnection));
    }

    @Override
    public void close() {
        journalConnection.destroy();
        readerConnection.destroy();
        TestDatabase.dropSchema(schema);
    }
}
