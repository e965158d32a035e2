package io.sagashop.inprocess;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.MySqlEventTableFactory;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The messaging every service in this JVM shares: what the hub provides when they are separate
 * processes. One JDBC event store (its own schema), a local command bus whose units of work run
 * in that store's transactions, and a local query bus with its update emitter.
 */
final class SharedAxon {

    final DataSource dataSource;
    final EmbeddedEventStore eventStore;
    final SimpleCommandBus commandBus;
    final SimpleQueryBus queryBus;
    final QueryUpdateEmitter updateEmitter;
    /** Where the store's serializer finds the classes of snapshots: each service's own aggregates. */
    final ServiceClasses serviceClasses = new ServiceClasses(SharedAxon.class.getClassLoader());

    SharedAxon(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(32);
        config.setPoolName("shared-event-store");
        dataSource = new HikariDataSource(config);

        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        // Like the serializer Axon builds in each service from Spring's ObjectMapper.
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(json).classLoader(serviceClasses).build();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactions)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        engine.createSchema(MySqlEventTableFactory.INSTANCE);
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        commandBus = SimpleCommandBus.builder().transactionManager(transactions).build();
        updateEmitter = SimpleQueryUpdateEmitter.builder().build();
        queryBus = SimpleQueryBus.builder().queryUpdateEmitter(updateEmitter).build();
    }

    /**
     * The classes of this JVM and, failing those, of each service's class loader. A snapshot is a
     * service's own aggregate (the catalog's {@code Product}), which only that service's loader
     * has: resolved by the shared store's class loader alone it was an unknown type, and every
     * load of a product after its first snapshot failed (docs/performance.md, "History").
     */
    static final class ServiceClasses extends ClassLoader {

        private final List<ClassLoader> services = new CopyOnWriteArrayList<>();

        ServiceClasses(ClassLoader parent) {
            super(parent);
        }

        void add(ClassLoader service) {
            services.add(service);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            for (ClassLoader service : services) {
                try {
                    return service.loadClass(name);
                } catch (ClassNotFoundException notInThisService) {
                    // the next one
                }
            }
            throw new ClassNotFoundException(name);
        }
    }
}
