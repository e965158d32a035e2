package io.sagashop.platform.db;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.TokenStoreProperties;
import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * Axon's token and saga stores on plain JDBC instead of JPA, over the tables of
 * {@code db/axon} (snake_case names, as Hibernate would map Axon's entities).
 *
 * <p>Why: every event a processor handles ends with a token update, and every saga event with
 * an association lookup, a load and an update. Through JPA each of those went through
 * Hibernate's query plans, flush and dirty checking: under load about a fifth of the order
 * service's CPU. The JDBC stores run the same statements directly, on the connection of the
 * Spring transaction the unit of work already holds, so a projection's rows and its token still
 * commit together. Stored tokens and sagas are the same bytes (same serializer), so a service can
 * switch between the two with its data in place.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = JpaAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(name = "sagashop.platform.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(TokenStoreProperties.class)
public class AxonJdbcStoresAutoConfiguration {

    /** {@code token_entry} as created by {@code db/axon}. */
    private static TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /** {@code saga_entry} and {@code association_value_entry} as created by {@code db/axon}. */
    private static SagaSchema sagaSchema() {
        return SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .sagaIdColumn("saga_id")
                .revisionColumn("revision")
                .sagaTypeColumn("saga_type")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build();
    }

    /**
     * The service's own connection of the current Spring transaction. Not Axon's shared
     * {@code ConnectionProvider} bean: that one parks the first connection it hands out on the
     * unit of work, where another store on another database (the in-process baseline's shared
     * event store) would pick it up.
     */
    private static ConnectionProvider connections(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean(TokenStore.class)
    TokenStore tokenStore(DataSource dataSource, Serializer serializer, TokenStoreProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections(dataSource))
                .schema(tokenSchema())
                .serializer(serializer)
                .claimTimeout(properties.getClaimTimeout())
                .build();
    }

    /** Lazy, as Axon's own: only a service with sagas ever asks for it. */
    @Lazy
    @Bean
    @ConditionalOnMissingBean(SagaStore.class)
    JdbcSagaStore sagaStore(DataSource dataSource, Serializer serializer, ObjectProvider<MeterRegistry> meters) {
        ConnectionProvider connections = connections(dataSource);
        SagaSchema schema = sagaSchema();
        GenericSagaSqlSchema sql = new GenericSagaSqlSchema(schema);
        JdbcSagaStore.Builder builder = JdbcSagaStore.builder()
                .connectionProvider(connections)
                .sqlSchema(sql)
                .serializer(serializer);
        // Each saga's life timed (sagashop.saga.duration) where metrics are collected.
        MeterRegistry registry = meters.getIfAvailable();
        return registry == null ? new CachingJdbcSagaStore(builder, connections, schema, sql, serializer)
                : new TimedJdbcSagaStore(builder, connections, schema, sql, serializer, registry);
    }
}
