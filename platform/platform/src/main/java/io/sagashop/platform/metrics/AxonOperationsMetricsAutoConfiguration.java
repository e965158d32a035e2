package io.sagashop.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * {@link AxonOperationsMetrics} in every service with Axon's event processing and a Micrometer
 * registry: its gauges are registered once the application is ready (Axon's processors exist then).
 */
@AutoConfiguration
@ConditionalOnClass({MeterRegistry.class, EventProcessingConfiguration.class})
@ConditionalOnProperty(name = "sagashop.platform.enabled", havingValue = "true", matchIfMissing = true)
public class AxonOperationsMetricsAutoConfiguration {

    @Bean
    Starter sagashopAxonOperationsMetrics(ObjectProvider<EventProcessingConfiguration> processing,
            ObjectProvider<EventStore> eventStore, ObjectProvider<MeterRegistry> registry) {
        return new Starter(processing, eventStore, registry);
    }

    /** Registers the gauges when the application is ready; stops measuring when the context closes. */
    static final class Starter implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

        private final ObjectProvider<EventProcessingConfiguration> processing;
        private final ObjectProvider<EventStore> eventStore;
        private final ObjectProvider<MeterRegistry> registry;
        private AxonOperationsMetrics metrics;

        Starter(ObjectProvider<EventProcessingConfiguration> processing, ObjectProvider<EventStore> eventStore,
                ObjectProvider<MeterRegistry> registry) {
            this.processing = processing;
            this.eventStore = eventStore;
            this.registry = registry;
        }

        @Override
        public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
            EventProcessingConfiguration configuration = processing.getIfAvailable();
            MeterRegistry meters = registry.getIfAvailable();
            if (metrics != null || configuration == null || meters == null) {
                return;
            }
            metrics = new AxonOperationsMetrics(configuration, eventStore.getIfAvailable());
            metrics.start(meters);
        }

        @Override
        public synchronized void destroy() {
            if (metrics != null) {
                metrics.close();
            }
        }
    }
}
