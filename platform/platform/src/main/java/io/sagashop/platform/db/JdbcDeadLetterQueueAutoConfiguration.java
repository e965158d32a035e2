package io.sagashop.platform.db;

import javax.sql.DataSource;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's dead-letter queue in a service without JPA (Hibernate not on the classpath): Axon then
 * builds its JDBC queue, and this points it at {@code db/axon}'s {@code dead_letter_entry}
 * (snake_case names, as for the token and saga stores in {@link AxonJdbcStoresAutoConfiguration})
 * instead of a {@code DeadLetterEntry} table of its own. The JDBC queue keeps its times as
 * ISO-8601 text where the JPA one keeps DATETIMEs, so Flyway also runs
 * {@value #WITHOUT_JPA_LOCATION}, which turns those three columns (and the letters already in
 * them) into that text. Services with JPA keep Axon's JPA queue and their DATETIME columns.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = JdbcAutoConfiguration.class)
@ConditionalOnMissingClass("org.hibernate.engine.spi.SessionImplementor")
@ConditionalOnProperty(name = "sagashop.platform.enabled", havingValue = "true", matchIfMissing = true)
public class JdbcDeadLetterQueueAutoConfiguration {

    /** Migrations only a service without JPA runs; versions 0.x as {@code db/axon}'s. */
    public static final String WITHOUT_JPA_LOCATION = "classpath:db/axon-without-jpa";

    @Bean
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnMissingBean(DeadLetterSchema.class)
    DeadLetterSchema deadLetterSchema() {
        return schema();
    }

    /** {@code dead_letter_entry} as created by {@code db/axon}. */
    public static DeadLetterSchema schema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(FlywayConfigurationCustomizer.class)
    static class DeadLetterTimesAsText {

        @Bean
        FlywayConfigurationCustomizer sagashopWithoutJpaLocation() {
            return FlywayLocations.appending(WITHOUT_JPA_LOCATION);
        }
    }
}
