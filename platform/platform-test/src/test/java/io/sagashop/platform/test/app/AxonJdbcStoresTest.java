package io.sagashop.platform.test.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sagashop.platform.db.SagaChangedElsewhereException;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import io.sagashop.platform.test.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Axon's token and saga stores are the JDBC ones, on the snake_case tables of {@code db/axon}
 * in MariaDB: what they write is in those rows, and reads find it again. The saga store keeps the
 * sagas it handled in memory, and stores none over a version another instance stored since.
 */
@ServiceTest(properties = "axon.axonserver.enabled=false")
class AxonJdbcStoresTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void tokensAreStoredInTokenEntry() {
        TokenStore tokens = context.getBean(TokenStore.class);
        assertThat(tokens).isInstanceOf(JdbcTokenStore.class);

        transaction.executeWithoutResult(status -> tokens.initializeTokenSegments("probe", 2));
        transaction.executeWithoutResult(status -> {
            tokens.fetchToken("probe", 1); // claims the segment, as a processor does first
            tokens.storeToken(new GlobalSequenceTrackingToken(42), "probe", 1);
        });

        assertThat(jdbc.queryForList("SELECT segment FROM token_entry WHERE processor_name = 'probe' ORDER BY segment",
                Integer.class)).containsExactly(0, 1);
        assertThat(jdbc.queryForObject("SELECT token_type FROM token_entry WHERE processor_name = 'probe' AND segment = 1",
                String.class)).isEqualTo(GlobalSequenceTrackingToken.class.getName());
        assertThat(inTransaction(() -> tokens.fetchToken("probe", 1)))
                .isEqualTo(new GlobalSequenceTrackingToken(42));
        assertThat(inTransaction(() -> tokens.fetchToken("probe", 0))).isNull();
    }

    @Test
    void sagasAndTheirAssociationsAreStoredAndFound() {
        @SuppressWarnings("unchecked")
        SagaStore<Object> sagas = context.getBean(SagaStore.class);
        Class<Object> type = (Class<Object>) (Class<?>) ProbeSaga.class;
        assertThat(sagas).isInstanceOf(JdbcSagaStore.class);
        AssociationValue order = new AssociationValue("orderId", "o-1");
        AssociationValue payment = new AssociationValue("paymentId", "p-1");

        transaction.executeWithoutResult(status ->
                sagas.insertSaga(type, "saga-1", new ProbeSaga("reserving"), Set.of(order, payment)));

        assertThat(inTransaction(() -> sagas.findSagas(type, payment))).containsExactly("saga-1");
        SagaStore.Entry<Object> loaded = inTransaction(() -> sagas.loadSaga(type, "saga-1"));
        assertThat(((ProbeSaga) loaded.saga()).step).isEqualTo("reserving");
        assertThat(loaded.associationValues()).containsExactlyInAnyOrder(order, payment);

        // the database numbers the association rows (the JPA store took ids from a sequence)
        AssociationValuesImpl changed = new AssociationValuesImpl(Set.of(order, payment));
        changed.commit();
        changed.remove(payment);
        changed.add(new AssociationValue("refundId", "r-1"));
        transaction.executeWithoutResult(status ->
                sagas.updateSaga(type, "saga-1", new ProbeSaga("refunding"), changed));

        assertThat(jdbc.queryForList("SELECT association_key FROM association_value_entry WHERE saga_id = 'saga-1' "
                + "ORDER BY association_key", String.class)).containsExactly("orderId", "refundId");
        assertThat(inTransaction(() -> sagas.findSagas(type, payment))).isEmpty();
        assertThat(((ProbeSaga) inTransaction(() -> sagas.loadSaga(type, "saga-1")).saga()).step)
                .isEqualTo("refunding");

        transaction.executeWithoutResult(status ->
                sagas.deleteSaga(type, "saga-1", Set.of(order, new AssociationValue("refundId", "r-1"))));
        assertThat(jdbc.queryForList("SELECT saga_id FROM saga_entry WHERE saga_id = 'saga-1' UNION ALL "
                + "SELECT saga_id FROM association_value_entry WHERE saga_id = 'saga-1'", String.class)).isEqualTo(List.of());
    }

    @Test
    void aSagaIsKeptForItsNextHandlingAndReadAgainWhenChangedElsewhere() {
        @SuppressWarnings("unchecked")
        SagaStore<Object> sagas = context.getBean(SagaStore.class);
        Class<Object> type = (Class<Object>) (Class<?>) ProbeSaga.class;
        AssociationValue order = new AssociationValue("orderId", "o-2");
        transaction.executeWithoutResult(status -> sagas.insertSaga(type, "saga-2", new ProbeSaga("reserving"), Set.of(order)));

        // kept: the same instance again, not read and deserialized anew
        Object first = inTransaction(() -> sagas.loadSaga(type, "saga-2")).saga();
        assertThat(inTransaction(() -> sagas.loadSaga(type, "saga-2")).saga()).isSameAs(first);

        // another instance (a deadline fired there) stores the saga: its version goes up
        transaction.executeWithoutResult(status -> jdbc.update("UPDATE saga_entry SET serialized_saga = ?, "
                + "entry_version = entry_version + 1 WHERE saga_id = 'saga-2'",
                "{\"step\":\"paying\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        // this instance's handling from its kept, older state is refused, not stored over it
        AssociationValuesImpl unchanged = new AssociationValuesImpl(Set.of(order));
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            ProbeSaga stale = (ProbeSaga) sagas.loadSaga(type, "saga-2").saga();
            stale.step = "confirming";
            sagas.updateSaga(type, "saga-2", stale, unchanged);
        })).isInstanceOf(SagaChangedElsewhereException.class).hasMessageContaining("saga-2");
        assertThat(new String(jdbc.queryForObject("SELECT serialized_saga FROM saga_entry WHERE saga_id = 'saga-2'",
                byte[].class), java.nio.charset.StandardCharsets.UTF_8)).contains("paying");

        // handled again, it starts from the stored state and is stored
        transaction.executeWithoutResult(status -> {
            ProbeSaga stored = (ProbeSaga) sagas.loadSaga(type, "saga-2").saga();
            assertThat(stored.step).isEqualTo("paying");
            stored.step = "confirming";
            sagas.updateSaga(type, "saga-2", stored, unchanged);
        });
        assertThat(jdbc.queryForObject("SELECT entry_version FROM saga_entry WHERE saga_id = 'saga-2'", Long.class))
                .isEqualTo(2L);

        // an end decided from an older state is refused as well
        transaction.executeWithoutResult(status ->
                jdbc.update("UPDATE saga_entry SET entry_version = entry_version + 1 WHERE saga_id = 'saga-2'"));
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            sagas.loadSaga(type, "saga-2");
            sagas.deleteSaga(type, "saga-2", Set.of(order));
        })).isInstanceOf(SagaChangedElsewhereException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM association_value_entry WHERE saga_id = 'saga-2'", Integer.class))
                .isEqualTo(1);
        transaction.executeWithoutResult(status -> {
            sagas.loadSaga(type, "saga-2");
            sagas.deleteSaga(type, "saga-2", Set.of(order));
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM saga_entry WHERE saga_id = 'saga-2'", Integer.class)).isZero();
    }

    @Test
    void aHandlingRolledBackLeavesNothingOfItsChangesInMemory() {
        @SuppressWarnings("unchecked")
        SagaStore<Object> sagas = context.getBean(SagaStore.class);
        Class<Object> type = (Class<Object>) (Class<?>) ProbeSaga.class;
        transaction.executeWithoutResult(status -> sagas.insertSaga(type, "saga-3", new ProbeSaga("reserving"), Set.of()));

        transaction.executeWithoutResult(status -> {
            ((ProbeSaga) sagas.loadSaga(type, "saga-3").saga()).step = "changed, then rolled back";
            status.setRollbackOnly();
        });

        assertThat(((ProbeSaga) inTransaction(() -> sagas.loadSaga(type, "saga-3")).saga()).step).isEqualTo("reserving");
        transaction.executeWithoutResult(status -> sagas.deleteSaga(type, "saga-3", Set.of()));
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transaction.execute(status -> work.get());
    }

    /** A saga's state as the store sees it: whatever the serializer makes of it. */
    public static class ProbeSaga {
        public String step;

        public ProbeSaga() {
        }

        ProbeSaga(String step) {
            this.step = step;
        }
    }
}
