package io.sagashop.catalog;

import io.sagashop.platform.db.JdbcDeadLetterQueueAutoConfiguration;
import io.sagashop.platform.test.TestDatabase;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh MariaDB schema (see {@link TestDatabase}) migrated as the service migrates it (Flyway
 * over the platform's {@code db/axon} and {@code db/axon-without-jpa} and the catalog's
 * {@code db/migration}, out of order). For tests of the catalog's plain SQL without a Spring
 * context; {@link #close()} drops it.
 */
public final class CatalogSchema implements AutoCloseable {

    private final String schema;
    private final DataSource dataSource;

    private CatalogSchema(String schema) {
        this.schema = schema;
        this.dataSource = new DriverManagerDataSource(TestDatabase.jdbcUrl(schema), TestDatabase.username(),
                TestDatabase.password());
    }

    /** A new schema with every migration applied. */
    public static CatalogSchema mariaDb(String prefix) {
        CatalogSchema created = new CatalogSchema(TestDatabase.createSchema(prefix));
        Flyway.configure().dataSource(created.dataSource)
                .locations("classpath:db/axon", JdbcDeadLetterQueueAutoConfiguration.WITHOUT_JPA_LOCATION,
                        "classpath:db/migration")
                .outOfOrder(true).load().migrate();
        return created;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    @Override
    public void close() {
        TestDatabase.dropSchema(schema);
    }
}
