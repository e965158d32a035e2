package io.sagashop.inspection;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.flywaydb.core.api.Location;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Adding the library is enough: the journal, the query handlers, one action handler per
 * {@link InspectedSagaType} bean, the gauges, the retention and the library's Flyway location.
 * Off with {@code sagashop.inspection.enabled=false}, and in a Spring application without Axon's
 * command bus. Actions are routed by saga id through {@code SagaActionCommand}'s {@code @RoutingKey}.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        afterName = {"org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
                "org.axonframework.springboot.autoconfig.AxonServerBusAutoConfiguration"})
@ConditionalOnClass({CommandBus.class, DataSource.class})
@ConditionalOnBean({DataSource.class, CommandBus.class})
@ConditionalOnProperty(name = "sagashop.inspection.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(SagaInspectionProperties.class)
public class SagaInspectionAutoConfiguration {

    /** Where the library's migrations live (version 0.50: below an application's own V1). */
    public static final String MIGRATIONS = "classpath:db/saga-inspection";

    /**
     * The name of a {@link Clock} bean the library takes instead of the system clock (for tests
     * that look at the journal later without waiting); an application-wide clock is not taken.
     */
    public static final String CLOCK = "sagaInspectionClock";

    /** The bean name of the db-scheduler task that runs the retention, when db-scheduler is there. */
    static final String RETENTION_TASK_BEAN = "sagaInspectionRetentionTask";

    /** The settings with {@code application} resolved: Axon's component name, else the Spring application's name. */
    static SagaInspectionProperties resolved(SagaInspectionProperties properties, Environment environment) {
        if (properties.application() != null && !properties.application().isBlank()) {
            return properties;
        }
        return properties.withApplication(environment.getProperty("axon.axonserver.component-name",
                environment.getProperty("spring.application.name", "application")));
    }

    @Bean
    @ConditionalOnMissingBean
    SagaJournal sagaJournal(DataSource dataSource) {
        return new JdbcSagaJournal(dataSource);
    }

    @Bean
    @ConditionalOnMissingBean
    SagaJournalReader sagaJournalReader(DataSource dataSource, SagaInspectionProperties properties, Environment environment,
                                        @Qualifier(CLOCK) ObjectProvider<Clock> clock) {
        return new SagaJournalReader(dataSource, resolved(properties, environment), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SagaInspectionQueries sagaInspectionQueries(SagaJournalReader reader, ObjectProvider<InspectedSagaType> types,
                                                ObjectProvider<ConsistencyCheck> consistency, SagaInspectionProperties properties,
                                                Environment environment) {
        return new SagaInspectionQueries(reader, types.orderedStream().toList(), consistency.getIfUnique(),
                resolved(properties, environment).application());
    }

    @Bean
    SagaActionHandlers sagaActionHandlers(CommandBus commandBus, ObjectProvider<InspectedSagaType> types, SagaJournalReader reader) {
        return new SagaActionHandlers(commandBus, types.orderedStream().toList(), reader);
    }

    @Bean
    @ConditionalOnMissingBean
    SagaJournalRetention sagaJournalRetention(DataSource dataSource, SagaInspectionProperties properties) {
        return new SagaJournalRetention(dataSource, properties.retention());
    }

    @Bean
    SagaInspectionHousekeeping sagaInspectionHousekeeping(ObjectProvider<SagaInspectionMetrics> metrics,
                                                          SagaJournalRetention retention, SagaInspectionProperties properties,
                                                          @Qualifier(CLOCK) ObjectProvider<Clock> clock, BeanFactory beans) {
        boolean dbSchedulerRunsRetention = beans.containsBean(RETENTION_TASK_BEAN);
        return new SagaInspectionHousekeeping(metrics.getIfAvailable(), dbSchedulerRunsRetention ? null : retention, properties,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Gauges {

        @Bean
        SagaInspectionMetrics sagaInspectionMetrics(ObjectProvider<MeterRegistry> registry, SagaJournalReader reader,
                                                    ObjectProvider<InspectedSagaType> types) {
            return new SagaInspectionMetrics(registry.getIfAvailable(() -> Metrics.globalRegistry), reader,
                    types.orderedStream().toList());
        }
    }

    /** With db-scheduler, one instance of the application prunes per interval. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tasks.class)
    @ConditionalOnProperty(name = "db-scheduler.enabled", havingValue = "true", matchIfMissing = true)
    static class RetentionByDbScheduler {

        @Bean(RETENTION_TASK_BEAN)
        RecurringTask<Void> sagaInspectionRetentionTask(SagaJournalRetention retention, SagaInspectionProperties properties,
                                                         @Qualifier(CLOCK) ObjectProvider<Clock> clock) {
            Clock time = clock.getIfAvailable(Clock::systemUTC);
            return Tasks.recurring(SagaJournalRetention.TASK, FixedDelay.of(properties.retentionInterval()))
                    .execute((instance, context) -> retention.prune(time.instant()));
        }
    }

    /** The journal's tables come with the application's own migrations. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({FlywayConfigurationCustomizer.class, Location.class})
    @ConditionalOnProperty(name = "sagashop.inspection.flyway", havingValue = "true", matchIfMissing = true)
    static class Migrations {

        @Bean
        FlywayConfigurationCustomizer sagaInspectionMigrations() {
            return configuration -> {
                List<Location> locations = new ArrayList<>(Arrays.asList(configuration.getLocations()));
                boolean present = locations.stream().anyMatch(location -> location.getDescriptor().equals(MIGRATIONS)
                        || (location.isClassPath() && location.getPath().equals("db/saga-inspection")));
                if (!present) {
                    locations.add(new Location(MIGRATIONS));
                    configuration.locations(locations.toArray(Location[]::new));
                }
            };
        }
    }
}
