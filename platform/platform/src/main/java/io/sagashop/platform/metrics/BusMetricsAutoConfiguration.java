package io.sagashop.platform.metrics;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.springboot.MetricsProperties;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Axon's message monitors on the command and query buses only, unless
 * {@code sagashop.metrics.event-monitors=true}.
 * <p>
 * axon-micrometer's own module also puts four monitors (a timer looked up in the registry per
 * message, a histogram, capacity and latency gauges, counters) on the event store and on every
 * event processor, for every event each of them sees, whether a handler takes it or not. In the
 * order service's profile that was a large share of the order view's thread, and no alert or page
 * reads those meters: a processor's lag is {@code sagashop_processor_events_behind}
 * ({@link AxonOperationsMetrics}), and the alerts read the command bus's counters. Defining a
 * {@link MetricsConfigurerModule} bean here keeps Axon's (conditional on none existing) away;
 * {@code axon.metrics.auto-configuration.enabled=false} still switches all of them off.
 */
@AutoConfiguration(before = MicrometerMetricsAutoConfiguration.class)
@ConditionalOnClass({GlobalMetricRegistry.class, MicrometerMetricsAutoConfiguration.class})
@ConditionalOnProperty(name = "sagashop.platform.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(MetricsProperties.class)
public class BusMetricsAutoConfiguration {

    // No @ConditionalOnBean(GlobalMetricRegistry): this runs before Axon's auto-configuration defines
    // it (always, with a MeterRegistry of its own when Spring has none); it is resolved when used.
    @Bean
    @ConditionalOnProperty(name = "axon.metrics.auto-configuration.enabled", matchIfMissing = true)
    static MetricsConfigurerModule sagashopBusMetrics(GlobalMetricRegistry registry, MetricsProperties properties,
            Environment environment) {
        boolean dimensional = properties.getMicrometer().isDimensional();
        if (environment.getProperty("sagashop.metrics.event-monitors", Boolean.class, false)) {
            return new MetricsConfigurerModule(registry, dimensional);
        }
        return new BusOnlyMetrics(registry, dimensional);
    }

    /** Registers Axon's monitors for command and query buses and a no-op monitor for every other component. */
    static final class BusOnlyMetrics extends MetricsConfigurerModule {

        private final GlobalMetricRegistry registry;
        private final boolean dimensional;

        BusOnlyMetrics(GlobalMetricRegistry registry, boolean dimensional) {
            super(registry, dimensional);
            this.registry = registry;
            this.dimensional = dimensional;
        }

        @Override
        public void configureModule(Configurer configurer) {
            configurer.configureMessageMonitor(configuration -> (componentType, componentName) -> {
                if (!isBus(componentType)) {
                    return NoOpMessageMonitor.instance();
                }
                // Axon's registry answers the monitor for the bus's own message type.
                @SuppressWarnings("unchecked")
                MessageMonitor<Message<?>> monitor = (MessageMonitor<Message<?>>) (dimensional
                        ? registry.registerComponentWithDefaultTags(componentType, componentName)
                        : registry.registerComponent(componentType, componentName));
                return monitor;
            });
        }

        static boolean isBus(Class<?> componentType) {
            return CommandBus.class.isAssignableFrom(componentType) || QueryBus.class.isAssignableFrom(componentType);
        }
    }
}
