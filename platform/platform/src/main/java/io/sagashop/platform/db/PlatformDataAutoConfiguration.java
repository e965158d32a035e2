package io.sagashop.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Datasource wiring every service shares: on MariaDB, {@link SagashopMariaDBDialect} unless the
 * service names a dialect; Flyway also runs {@code classpath:db/axon} (Axon's token, saga,
 * dead-letter and event tables, db-scheduler's tasks) next to the service's own locations; the
 * pool is reached through a {@link LazyConnectionDataSourceProxy} ({@link #sagashopLazyConnections}).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        before = {HibernateJpaAutoConfiguration.class, FlywayAutoConfiguration.class})
@ConditionalOnProperty(name = "sagashop.platform.enabled", havingValue = "true", matchIfMissing = true)
public class PlatformDataAutoConfiguration {

    /** Where the platform's migrations live; versions 0.x, so a service's own start at V1. */
    public static final String AXON_TABLES_LOCATION = "classpath:db/axon";

    private static final Logger log = LoggerFactory.getLogger(PlatformDataAutoConfiguration.class);

    @Bean
    @ConditionalOnBean(DataSource.class)
    HibernatePropertiesCustomizer sagashopDialect(DataSource dataSource) {
        return properties -> {
            if (properties.containsKey("hibernate.dialect")) {
                return;
            }
            if (isMariaDb(dataSource)) {
                properties.put("hibernate.dialect", SagashopMariaDBDialect.class.getName());
            }
        };
    }

    /**
     * A transaction takes a connection from the pool only when it runs its first statement, and
     * one that ran none sends no {@code COMMIT}. Every command on an event-sourced aggregate is
     * handled in a transaction (Axon's command bus wraps each in one) that touches no table here:
     * its aggregate lives in the hub. That was two empty transactions per order in each of the
     * order, catalog and payment services (a MariaDB general log of a 10/s run:
     * docs/performance.md, session 17). {@code sagashop.platform.db.lazy-connections=false} turns
     * it off.
     */
    @Bean
    @ConditionalOnProperty(name = "sagashop.platform.db.lazy-connections", havingValue = "true", matchIfMissing = true)
    static BeanPostProcessor sagashopLazyConnections() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof HikariDataSource pool ? new LazyConnectionDataSourceProxy(pool) : bean;
            }
        };
    }

    private static boolean isMariaDb(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            var meta = connection.getMetaData();
            return meta.getDatabaseProductVersion().toLowerCase().contains("mariadb")
                    || meta.getDatabaseProductName().toLowerCase().contains("mariadb");
        } catch (SQLException e) {
            log.warn("Could not inspect the database to choose a dialect: {}", e.getMessage());
            return false;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(FlywayConfigurationCustomizer.class)
    static class AxonTables {

        @Bean
        FlywayConfigurationCustomizer sagashopAxonTablesLocation() {
            return FlywayLocations.appending(AXON_TABLES_LOCATION);
        }
    }
}
