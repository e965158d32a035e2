package io.sagashop.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A saga's life is timed from the event that started it to the commit that ended it; a rollback times nothing. */
class TimedJdbcSagaStoreTest {

    record ToySaga(String id) {
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private TimedJdbcSagaStore store;
    private org.axonframework.common.jdbc.ConnectionProvider h2Connections;

    @BeforeEach
    void store() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:saga" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        h2Connections = h2::getConnection;
        SagaSchema schema = new SagaSchema();
        GenericSagaSqlSchema sql = new GenericSagaSqlSchema(schema);
        store = new TimedJdbcSagaStore(JdbcSagaStore.builder().connectionProvider(h2::getConnection).sqlSchema(sql)
                .serializer(serializer), h2::getConnection, schema, sql, serializer, registry);
        store.createSchema();
        try (var connection = h2.getConnection(); var statement = connection.createStatement()) {
            statement.execute("ALTER TABLE SagaEntry ADD COLUMN entry_version BIGINT NOT NULL DEFAULT 0");
        }
    }

    @Test
    void fromTheStartingEventsTimestampToTheEndingCommit() {
        var placed = new GenericEventMessage<>("e1", "OrderPlaced", java.util.Map.of(), Instant.now().minusSeconds(3));
        DefaultUnitOfWork.startAndGet(placed).execute(() -> store.insertSaga(ToySaga.class, "s1", new ToySaga("s1"),
                Set.of(new AssociationValue("orderId", "o1"))));
        assertThat(registry.find(TimedJdbcSagaStore.METRIC).timer()).isNull();

        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("OrderConfirmed")).execute(() ->
                store.deleteSaga(ToySaga.class, "s1", Set.of(new AssociationValue("orderId", "o1"))));

        Timer timer = registry.find(TimedJdbcSagaStore.METRIC).tag("saga", "ToySaga").timer();
        assertThat(timer).isNotNull();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isBetween(3_000.0, 60_000.0);
    }

    @Test
    void anEndRolledBackIsNotTimedAndASagaNotStartedHereNeither() {
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("OrderPlaced")).execute(() ->
                store.insertSaga(ToySaga.class, "s2", new ToySaga("s2"), Set.of()));
        var unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("OrderConfirmed"));
        store.deleteSaga(ToySaga.class, "s2", Set.of());
        unitOfWork.rollback();
        assertThat(registry.find(TimedJdbcSagaStore.METRIC).timer()).isNull();

        // started by another instance (inserted there, so not timed here), ended here
        new CachingJdbcSagaStore(JdbcSagaStore.builder().connectionProvider(h2Connections).serializer(serializer),
                h2Connections, new SagaSchema(), new GenericSagaSqlSchema(), serializer)
                .insertSaga(ToySaga.class, "elsewhere", new ToySaga("elsewhere"), Set.of());
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("OrderConfirmed")).execute(() -> {
            store.loadSaga(ToySaga.class, "elsewhere");
            store.deleteSaga(ToySaga.class, "elsewhere", Set.of());
        });
        assertThat(registry.find(TimedJdbcSagaStore.METRIC).timer()).isNull();
        assertThat(Duration.ofDays(1)).isEqualTo(TimedJdbcSagaStore.FORGET_AFTER);
    }
}
