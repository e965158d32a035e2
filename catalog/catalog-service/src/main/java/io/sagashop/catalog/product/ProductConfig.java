package io.sagashop.catalog.product;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The product aggregate's settings and its snapshots. Axon's snapshotter (Spring Boot's
 * {@code SpringAggregateSnapshotter}) stores a snapshot through the event store (the hub's
 * {@code AppendSnapshot}) once a load replayed {@link ProductSettings#snapshotThreshold()} events,
 * and the next load starts from it. The snapshot is the aggregate serialized by field with the
 * general (Jackson) serializer.
 */
@Configuration
@EnableConfigurationProperties(ProductSettings.class)
class ProductConfig {

    static final String PRODUCT_SNAPSHOT_TRIGGER = "productSnapshotTrigger";

    @Bean(PRODUCT_SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition productSnapshotTrigger(Snapshotter snapshotter, ProductSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.snapshotThreshold());
    }
}
