package io.sagashop.order.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.platform.test.TestDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V4 on MariaDB: an install that ran V1–V3 (the order saga's own journal) keeps its history when
 * the saga-inspection library's tables arrive (V0_50, out of order) and V4 moves the rows there.
 */
class SagaJournalMigrationTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private String schema;
    private DriverManagerDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void anInstallOfTheLastVersion() {
        schema = TestDatabase.createSchema("order_journal_migration");
        dataSource = new DriverManagerDataSource(TestDatabase.jdbcUrl(schema), TestDatabase.username(), TestDatabase.password());
        jdbc = new JdbcTemplate(dataSource);
        flyway("3", "classpath:db/axon", "classpath:db/migration").migrate();
    }

    @AfterEach
    void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void everySagaWithItsTimelineAndDeadlinesMovesToTheLibrarysTablesUnderItsTypeAndTheOldTablesGo() {
        // A placement saga that ended (not in the saga store any more), a cancellation saga that
        // ended, a running cancellation saga (its class in the saga store) and a placement saga
        // ended by the replay guard before any deadline (only its OrderPlaced tells its type).
        summary("s-placed", "order-1", "COMPLETED", "DONE", T0, T0.plusSeconds(30));
        timeline("s-placed", T0, "EVENT_RECEIVED", "OrderPlaced");
        timeline("s-placed", T0.plusSeconds(1), "COMMAND_SENT", "ReserveStock");
        timeline("s-placed", T0.plusSeconds(2), "ENDED", null);
        summary("s-cancel", "order-1", "COMPLETED", "DONE", T0.plusSeconds(60), null);
        timeline("s-cancel", T0.plusSeconds(60), "EVENT_RECEIVED", "OrderCancellationRequested");
        summary("s-running", "order-2", "ACTIVE", "REFUNDING", T0, null);
        timeline("s-running", T0, "EVENT_RECEIVED", "PaymentRefunded");
        jdbc.update("INSERT INTO saga_deadline (deadline_id, saga_id, deadline_name, due_at) VALUES ('d-1', 's-running', "
                + "'step-deadline', ?)", Timestamp.from(T0.plusSeconds(10)));
        jdbc.update("INSERT INTO saga_entry (saga_id, revision, saga_type, serialized_saga) VALUES ('s-running', null, "
                + "'io.sagashop.order.saga.OrderCancellationSaga', ?)", (Object) new byte[] {'{', '}'});
        summary("s-guard", "order-3", "COMPLETED", "DONE", T0, null);
        timeline("s-guard", T0, "EVENT_RECEIVED", "OrderPlaced");
        jdbc.update("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version) "
                + "VALUES ('saga-journal-retention', 'recurring', ?, false, 1)", Timestamp.from(T0));

        flyway(null, "classpath:db/axon", "classpath:db/migration", "classpath:db/saga-inspection").migrate();

        assertThat(jdbc.queryForList("SELECT saga_id, saga_type, business_key, state, current_step FROM saga_inspection_saga "
                + "ORDER BY saga_id")).containsExactly(
                row("s-cancel", "OrderCancellationSaga", "order-1", "COMPLETED", "DONE"),
                row("s-guard", "OrderSaga", "order-3", "COMPLETED", "DONE"),
                row("s-placed", "OrderSaga", "order-1", "COMPLETED", "DONE"),
                row("s-running", "OrderCancellationSaga", "order-2", "ACTIVE", "REFUNDING"));
        assertThat(jdbc.queryForObject("SELECT due_at FROM saga_inspection_saga WHERE saga_id = 's-placed'", Timestamp.class)
                .toInstant()).as("the order deadline is the due-at").isEqualTo(T0.plusSeconds(30));
        assertThat(jdbc.queryForList("SELECT kind FROM saga_inspection_timeline WHERE saga_id = 's-placed' ORDER BY id",
                String.class)).containsExactly("EVENT_RECEIVED", "COMMAND_SENT", "ENDED");
        assertThat(jdbc.queryForList("SELECT deadline_id FROM saga_inspection_deadline WHERE saga_id = 's-running'", String.class))
                .containsExactly("d-1");
        assertThat(jdbc.queryForList("SELECT LOWER(table_name) FROM information_schema.tables WHERE table_schema = ? "
                + "AND LOWER(table_name) IN ('saga_summary', 'saga_timeline', 'saga_deadline')", String.class, schema)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'saga-journal-retention'",
                Integer.class)).isZero();
    }

    private Flyway flyway(String target, String... locations) {
        var configuration = Flyway.configure().dataSource(dataSource).locations(locations).outOfOrder(true);
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    private void summary(String sagaId, String orderId, String state, String step, Instant startedAt, Instant orderDeadline) {
        jdbc.update("INSERT INTO saga_summary (saga_id, order_id, state, current_step, started_at, last_activity_at, order_deadline) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", sagaId, orderId, state, step, Timestamp.from(startedAt),
                Timestamp.from(startedAt), orderDeadline == null ? null : Timestamp.from(orderDeadline));
    }

    private void timeline(String sagaId, Instant at, String kind, String messageName) {
        jdbc.update("INSERT INTO saga_timeline (saga_id, at, kind, message_name, service, detail) VALUES (?, ?, ?, ?, 'order-saga', null)",
                sagaId, Timestamp.from(at), kind, messageName);
    }

    private static Map<String, Object> row(String sagaId, String type, String key, String state, String step) {
        return Map.of("saga_id", sagaId, "saga_type", type, "business_key", key, "state", state, "current_step", step);
    }
}
