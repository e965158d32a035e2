package io.sagashop.notification.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.platform.db.JdbcDeadLetterQueueAutoConfiguration;
import io.sagashop.platform.test.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * This service has no JPA, so Axon's JDBC dead-letter queue keeps its letters in db/axon's
 * {@code dead_letter_entry}. A letter the JPA queue parked before (times as DATETIME) is still
 * there after the migration that turns those times into the JDBC queue's text: read with its
 * times, claimed and evicted; new letters land in the same table.
 */
class DeadLettersWithoutJpaTest {

    private static final String GROUP = "notifications";

    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private String schema;
    private DriverManagerDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void schemaAsAServiceWithJpaLeftIt() {
        schema = TestDatabase.createSchema("dead_letters");
        dataSource = new DriverManagerDataSource(TestDatabase.jdbcUrl(schema), TestDatabase.username(),
                TestDatabase.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/axon").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO dead_letter_entry (dead_letter_id, processing_group, sequence_identifier,"
                        + " sequence_index, message_type, event_identifier, time_stamp, payload_type, payload,"
                        + " meta_data, enqueued_at, last_touched, cause_type, cause_message, diagnostics)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                "letter-1", GROUP, "customer-1", 0L, GenericEventMessage.class.getName(), "event-1",
                "2026-12-01T09:30:00.000Z", String.class.getName(), bytes("parked by JPA"),
                bytes(MetaData.emptyInstance()), "2026-12-01 09:30:15.123456", "2026-12-01 09:45:00.500000",
                "java.lang.IllegalStateException", "SMTP refused", bytes(MetaData.emptyInstance()));
        Flyway.configure().dataSource(dataSource).outOfOrder(true)
                .locations("classpath:db/axon", JdbcDeadLetterQueueAutoConfiguration.WITHOUT_JPA_LOCATION,
                        "classpath:db/migration")
                .load().migrate();
    }

    @AfterEach
    void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void aLetterParkedByTheJpaQueueIsReadClaimedAndEvictedByTheJdbcOne() {
        JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = queue();

        assertThat(queue.size()).isEqualTo(1);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetterSequence("customer-1").forEach(letters::add);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.enqueuedAt()).isEqualTo(Instant.parse("2026-12-01T09:30:15.123Z"));
            assertThat(letter.lastTouched()).isEqualTo(Instant.parse("2026-12-01T09:45:00.500Z"));
            assertThat(letter.cause()).hasValueSatisfying(cause -> assertThat(cause.message()).isEqualTo("SMTP refused"));
            assertThat(letter.message().getPayload()).isEqualTo("parked by JPA");
        });

        assertThat(queue.process(letter -> Decisions.evict())).isTrue();
        assertThat(queue.size()).isZero();
    }

    @Test
    void newLettersAreParkedInTheSameTableWithTheirTimesAsText() {
        JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = queue();

        queue.enqueue("customer-2", new GenericDeadLetter<>("customer-2", GenericEventMessage.asEventMessage("again")));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_entry WHERE sequence_identifier = 'customer-2'",
                Integer.class)).isEqualTo(1);
        String enqueuedAt = jdbc.queryForObject(
                "SELECT enqueued_at FROM dead_letter_entry WHERE sequence_identifier = 'customer-2'", String.class);
        assertThat(Instant.parse(enqueuedAt)).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(queue.size()).isEqualTo(2);
    }

    private JdbcSequencedDeadLetterQueue<EventMessage<?>> queue() {
        return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(GROUP)
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(JdbcDeadLetterQueueAutoConfiguration.schema())
                .genericSerializer(serializer)
                .eventSerializer(serializer)
                .build();
    }

    private byte[] bytes(Object value) {
        return serializer.serialize(value, byte[].class).getData();
    }
}
