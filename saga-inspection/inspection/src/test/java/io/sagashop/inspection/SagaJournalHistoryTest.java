package io.sagashop.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.inspection.api.SagaState;
import io.sagashop.platform.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The journal on MariaDB with a history: thousands of ended sagas kept, most of them ended before
 * the ended counts existed (written, then the migration that counts them run, as on an upgraded
 * schema), a few ended through the journal since. What must not grow with that history: the
 * counts the gauge takes every 30 s and the retention's search for expired sagas read the sagas
 * in flight or expired, not every saga kept. All on one connection, so the server's per-session
 * handler counters are this test's own.
 */
class SagaJournalHistoryTest {

    private static final String TYPE = "toy";
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final int KEPT = 3_000;

    private String schema;
    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;
    private JdbcSagaJournal journal;
    private SagaJournalReader reader;

    @BeforeEach
    void journalWithHistory() throws SQLException {
        schema = TestDatabase.createSchema("journal_history");
        dataSource = new SingleConnectionDataSource(TestDatabase.jdbcUrl(schema), TestDatabase.username(),
                TestDatabase.password(), true);
        jdbc = new JdbcTemplate(dataSource);
        migrate("V0_50__saga_inspection_journal.sql");
        List<Object[]> rows = new ArrayList<>();
        Instant recent = NOW.minus(Duration.ofDays(1));
        for (int i = 0; i < KEPT; i++) {
            rows.add(saga("recent-" + i, i % 2 == 0 ? "COMPLETED" : "COMPENSATED", recent));
        }
        Instant old = NOW.minus(RETENTION).minus(Duration.ofHours(1));
        rows.add(saga("old-completed", "COMPLETED", old));
        rows.add(saga("old-compensated", "COMPENSATED", old));
        rows.add(saga("old-but-running", "ACTIVE", old));
        jdbc.batchUpdate("INSERT INTO saga_inspection_saga (saga_id, saga_type, business_key, state, current_step, started_at, "
                + "last_activity_at) VALUES (?, '" + TYPE + "', ?, ?, 'DONE', ?, ?)", rows);
        jdbc.update("INSERT INTO saga_inspection_timeline (saga_id, at, kind) VALUES ('old-completed', ?, 'STARTED')",
                Timestamp.from(old));
        migrate("V0_51__saga_inspection_ended_counts.sql");

        journal = new JdbcSagaJournal(dataSource);
        journal.started(TYPE, "old-ended-by-operator", "key-x", old, null);
        journal.ended(TYPE, "old-ended-by-operator", SagaState.ENDED_BY_OPERATOR, old);
        journal.started(TYPE, "running-now", "key-y", NOW, NOW.plus(Duration.ofHours(1)));
        journal.deadlineSet("running-now", "step", "deadline-1", NOW.plus(Duration.ofMinutes(1)));
        reader = new SagaJournalReader(dataSource, SagaInspectionProperties.defaults(TYPE), Clock.fixed(NOW, ZoneOffset.UTC));
        jdbc.execute("ANALYZE TABLE saga_inspection_saga");
    }

    @AfterEach
    void dropSchema() {
        dataSource.destroy();
        TestDatabase.dropSchema(schema);
    }

    @Test
    void countsEveryEndedSagaOnceWhetherEndedBeforeTheCountsExistedOrSince() {
        journal.ended(TYPE, "old-ended-by-operator", SagaState.COMPLETED, NOW);

        Map<SagaState, Long> counts = reader.counts().get(TYPE);

        assertThat(counts).containsEntry(SagaState.COMPLETED, KEPT / 2 + 1L).containsEntry(SagaState.COMPENSATED, KEPT / 2 + 1L)
                .as("ended twice, counted once, in the state it ended in first").containsEntry(SagaState.ENDED_BY_OPERATOR, 1L);
        assertThat(counts.get(SagaState.ACTIVE) + counts.get(SagaState.STUCK)).isEqualTo(2);
        assertThat(counts).as("no activity for a week: stuck").containsEntry(SagaState.STUCK, 1L);
    }

    @Test
    void countsReadTheSagasInFlightNotEverySagaKept() {
        long read = rowsReadBy(reader::counts);

        assertThat(read).as("rows the server read for the counts").isLessThan(100);
    }

    @Test
    void prunesTheSagasEndedBeforeTheHorizonKeepsRunningOnesAndTakesThemOffTheCounts() {
        assertThat(new SagaJournalRetention(dataSource, RETENTION).prune(NOW)).isEqualTo(3);

        assertThat(jdbc.queryForList("SELECT saga_id FROM saga_inspection_saga WHERE saga_id LIKE 'old-%'", String.class))
                .containsExactly("old-but-running");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM saga_inspection_saga WHERE saga_id LIKE 'recent-%'", Integer.class))
                .isEqualTo(KEPT);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM saga_inspection_timeline", Integer.class)).isZero();
        assertThat(reader.counts().get(TYPE)).containsEntry(SagaState.COMPLETED, (long) KEPT / 2)
                .containsEntry(SagaState.COMPENSATED, (long) KEPT / 2).containsEntry(SagaState.ENDED_BY_OPERATOR, 0L);
        assertThat(new SagaJournalRetention(dataSource, RETENTION).prune(NOW)).as("nothing left to prune").isZero();
    }

    @Test
    void retentionReadsTheExpiredRowsOnlyNotEverySagaKept() {
        long read = rowsReadBy(() -> new SagaJournalRetention(dataSource, RETENTION).prune(NOW));

        // Three expired sagas, each deleted from three tables and taken off the counts: a few
        // dozen index reads. A scan of the kept sagas reads thousands.
        assertThat(read).as("rows the server read for one prune").isLessThan(100);
    }

    private long rowsReadBy(Runnable work) {
        long first = rowsRead();
        long before = rowsRead();
        long asking = before - first; // what reading the counters itself reads
        work.run();
        return rowsRead() - before - asking;
    }

    private long rowsRead() {
        return jdbc.query("SHOW SESSION STATUS LIKE 'Handler_read%'", (row, i) -> row.getLong(2)).stream()
                .mapToLong(Long::longValue).sum();
    }

    private void migrate(String script) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/saga-inspection/" + script));
        }
    }

    private static Object[] saga(String id, String state, Instant lastActivity) {
        Timestamp at = Timestamp.from(lastActivity);
        return new Object[] {id, "key-" + id, state, at, at};
    }
}
