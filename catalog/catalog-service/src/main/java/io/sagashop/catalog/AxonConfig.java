package io.sagashop.catalog;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The catalog's Axon settings beyond application.yml (which picks each processing group's mode).
 */
@Configuration
class AxonConfig {

    /**
     * A handler that fails must not skip its event silently (Axon's default only logs it). The
     * projections' failures go to their dead-letter queues (application.yml); everywhere else the
     * failure propagates: the unique-SKU lookup (subscribing, same transaction) fails the
     * AddProduct that would break it.
     */
    @Autowired
    void errorHandling(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * Table {@code dead_letter} (migration V2) for Axon's JDBC dead-letter queue, which Axon's
     * auto-configuration sets up for the projections in a service without JPA. Its default names
     * ({@code DeadLetterEntry}, camelCase columns) are not this schema's.
     */
    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter")
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
}
