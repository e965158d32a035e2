package io.sagashop.platform.test.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.sagashop.platform.test.ServiceTest;
import java.sql.Connection;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service's pool is reached through a lazy proxy: a transaction takes a physical connection
 * only for its first statement (so a command handled on an event-sourced aggregate, which runs
 * none here, costs the database nothing), and transactions that do run statements commit and roll
 * back as before.
 */
@ServiceTest(properties = "axon.axonserver.enabled=false")
class LazyConnectionsTest {

    /** What the lazy proxy's connection says of itself while it has no physical connection behind it. */
    private static final String NOT_FETCHED = "Lazy Connection proxy for target DataSource";

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void theDataSourceIsThePoolBehindALazyProxy() {
        assertThat(dataSource).isInstanceOf(LazyConnectionDataSourceProxy.class);
        assertThat(((LazyConnectionDataSourceProxy) dataSource).getTargetDataSource()).isInstanceOf(HikariDataSource.class);
    }

    @Test
    void aTransactionTakesAConnectionOnlyForItsFirstStatement() {
        String[] before = new String[1];
        String[] after = new String[1];
        transaction.executeWithoutResult(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            before[0] = connection.toString();
            jdbc.queryForObject("SELECT 1", Integer.class);
            after[0] = connection.toString();
        });

        assertThat(before[0]).startsWith(NOT_FETCHED);
        assertThat(after[0]).as("a statement ran: the pool's connection is behind it now").doesNotStartWith(NOT_FETCHED);
    }

    @Test
    void writesCommitOrRollBackWithTheirTransaction() {
        String kept = "lazy-" + UUID.randomUUID();
        String undone = "lazy-" + UUID.randomUUID();
        try {
            transaction.executeWithoutResult(status -> insertToken(kept));
            transaction.executeWithoutResult(status -> {
                insertToken(undone);
                status.setRollbackOnly();
            });

            assertThat(jdbc.queryForList("SELECT processor_name FROM token_entry WHERE processor_name IN (?, ?)",
                    String.class, kept, undone)).containsExactly(kept);
        } finally {
            transaction.executeWithoutResult(status ->
                    jdbc.update("DELETE FROM token_entry WHERE processor_name IN (?, ?)", kept, undone));
        }
    }

    private void insertToken(String processor) {
        jdbc.update("INSERT INTO token_entry (processor_name, segment, timestamp) VALUES (?, 0, '2026-12-07T00:00:00Z')", processor);
    }
}
