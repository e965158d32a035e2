package io.sagashop.platform.db;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;

/**
 * The saga store ({@link CachingJdbcSagaStore}), timing each saga's life: from the timestamp of the event that started it
 * to the commit of the handling that ended it, as {@value #METRIC} {@code {saga=<simple class
 * name>}} with a percentile histogram (for the order saga: an order's placement to its final
 * state; ops/prometheus/alerts.yml watches its p99). The start is kept in memory by this instance
 * (at most {@link #TRACKED} sagas, forgotten after {@link #FORGET_AFTER}); a saga that ends in
 * another instance or after a restart is not timed, which loses samples but never makes one wrong.
 */
final class TimedJdbcSagaStore extends CachingJdbcSagaStore {

    static final String METRIC = "sagashop.saga.duration";
    static final long TRACKED = 100_000;
    static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final MeterRegistry registry;
    private final Cache<String, Instant> started = Caffeine.newBuilder()
            .maximumSize(TRACKED).expireAfterWrite(FORGET_AFTER).build();

    TimedJdbcSagaStore(Builder builder, ConnectionProvider connections, SagaSchema schema, SagaSqlSchema sql,
                       Serializer serializer, MeterRegistry registry) {
        super(builder, connections, schema, sql, serializer);
        this.registry = registry;
    }

    @Override
    public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga, Set<AssociationValue> associationValues) {
        super.insertSaga(sagaType, sagaIdentifier, saga, associationValues);
        Instant start = CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().getMessage() instanceof EventMessage<?> event
                ? event.getTimestamp() : Instant.now();
        started.put(sagaIdentifier, start);
    }

    @Override
    public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        super.deleteSaga(sagaType, sagaIdentifier, associationValues);
        Instant start = started.getIfPresent(sagaIdentifier);
        if (start == null) {
            return;
        }
        Runnable record = () -> {
            started.invalidate(sagaIdentifier);
            timer(sagaType).record(Duration.between(start, Instant.now()));
        };
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> record.run());
        } else {
            record.run();
        }
    }

    private Timer timer(Class<?> sagaType) {
        return Timer.builder(METRIC)
                .description("A saga's life: from the event that started it to the end of the one that ended it")
                .tag("saga", sagaType.getSimpleName())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(50))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }
}
