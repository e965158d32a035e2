package io.sagashop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ProductRestocked;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The table of Axon's JDBC dead-letter queue (migration V2, named by {@link AxonConfig}), on
 * MariaDB and on H2 in MySQL mode: the queue writes and reads its letters there, and letters
 * parked by the JPA queue in {@code dead_letter_entry} before it are moved over and readable.
 */
class DeadLetterTableTest {

    private static final String GROUP = "catalog-stock";
    private static final Instant ENQUEUED = Instant.parse("2026-12-01T08:15:30.123456Z");
    private static final Instant TOUCHED = Instant.parse("2026-12-01T08:16:00Z");
    private final Serializer serializer = JacksonSerializer.defaultSerializer();

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "h2"})
    void theQueueWritesAndReadsItsLetters(String database) {
        try (CatalogSchema schema = schema(database, null)) {
            JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = queue(schema);
            EventMessage<?> event = GenericEventMessage.asEventMessage(new ProductRestocked(ProductId.of("ghost"), 3));

            queue.enqueue("ghost", new GenericDeadLetter<>("ghost", event, new IllegalStateException("no stock_level for ghost")));
            queue.enqueueIfPresent("ghost", () -> new GenericDeadLetter<>("ghost",
                    GenericEventMessage.asEventMessage(new ProductRestocked(ProductId.of("ghost"), 4))));

            assertThat(queue.size()).isEqualTo(2);
            assertThat(queue.contains("ghost")).isTrue();
            List<DeadLetter<? extends EventMessage<?>>> letters = letters(queue);
            assertThat(letters).extracting(letter -> ((ProductRestocked) letter.message().getPayload()).quantity())
                    .containsExactly(3, 4);
            assertThat(letters.get(0).cause()).hasValueSatisfying(cause -> assertThat(cause.message()).contains("no stock_level"));
            assertThat(schema.jdbc().queryForObject("SELECT count(*) FROM dead_letter WHERE processing_group = ? AND payload_type = ?",
                    Integer.class, GROUP, ProductRestocked.class.getName())).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "h2"})
    void lettersOfTheJpaQueueAreMovedOverWithTheirTimes(String database) {
        try (CatalogSchema schema = schema(database, "1")) {
            byte[] payload = serializer.serialize(new ProductRestocked(ProductId.of("ghost"), 3), byte[].class).getData();
            // As the JPA queue wrote them: payload, meta data and diagnostics serialized, times as DATETIME.
            byte[] metaData = serializer.serialize(MetaData.emptyInstance(), byte[].class).getData();
            schema.jdbc().update("INSERT INTO dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, "
                            + "sequence_index, message_type, event_identifier, time_stamp, payload_type, payload, meta_data, "
                            + "enqueued_at, last_touched, processing_started, cause_type, cause_message, diagnostics) "
                            + "VALUES ('l-1', ?, 'ghost', 0, ?, 'e-1', '2026-12-01T08:15:00Z', ?, ?, ?, ?, ?, NULL, ?, ?, ?)",
                    GROUP, GenericEventMessage.class.getName(), ProductRestocked.class.getName(), payload, metaData,
                    utc(ENQUEUED), utc(TOUCHED), IllegalStateException.class.getName(), "no stock_level for ghost",
                    metaData);

            schema.migrate(null);

            assertThat(schema.jdbc().queryForObject("SELECT count(*) FROM dead_letter_entry", Integer.class)).isZero();
            List<DeadLetter<? extends EventMessage<?>>> letters = letters(queue(schema));
            assertThat(letters).hasSize(1);
            DeadLetter<? extends EventMessage<?>> letter = letters.get(0);
            assertThat(letter.enqueuedAt()).isEqualTo(ENQUEUED);
            assertThat(letter.lastTouched()).isEqualTo(TOUCHED);
            assertThat(letter.message().getPayload()).isEqualTo(new ProductRestocked(ProductId.of("ghost"), 3));
            assertThat(letter.message().getIdentifier()).isEqualTo("e-1");
            assertThat(letter.message().getTimestamp()).isEqualTo(Instant.parse("2026-12-01T08:15:00Z"));
            assertThat(letter.cause()).hasValueSatisfying(cause -> assertThat(cause.message()).contains("no stock_level"));
        }
    }

    private static CatalogSchema schema(String database, String version) {
        return database.equals("h2") ? CatalogSchema.h2(version) : CatalogSchema.mariaDb("catalog_dead_letter", version);
    }

    private JdbcSequencedDeadLetterQueue<EventMessage<?>> queue(CatalogSchema schema) {
        return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(GROUP)
                .connectionProvider(schema.dataSource()::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new AxonConfig().deadLetterSchema())
                .genericSerializer(serializer)
                .eventSerializer(serializer)
                .build();
    }

    private static List<DeadLetter<? extends EventMessage<?>>> letters(JdbcSequencedDeadLetterQueue<EventMessage<?>> queue) {
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        queue.deadLetters().forEach(sequence -> sequence.forEach(letters::add));
        return letters;
    }

    /**
     * A DATETIME as Hibernate wrote the JPA queue's instants, UTC wall-clock time; as text, because
     * Connector/J would drop the fraction (it takes MariaDB 10.11, which announces itself as
     * "5.5.5-10.11", for a server without fractional seconds), and the move must keep one where
     * there is one (H2 keeps them).
     */
    private static String utc(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
