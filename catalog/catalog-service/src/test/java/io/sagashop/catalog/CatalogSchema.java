package io.sagashop.catalog;

import io.sagashop.platform.test.TestDatabase;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A fresh schema migrated as the service migrates it (Flyway over the platform's
 * {@code db/axon} and the catalog's {@code db/migration}, out of order), on MariaDB or on H2 in
 * MySQL mode as {@code ./shop} runs it without MariaDB. For tests of the catalog's plain SQL
 * without a Spring context; {@link #close()} drops it.
 */
public final class CatalogSchema implements AutoCloseable {

    private final DataSource dataSource;
    private final Runnable drop;

    private CatalogSchema(DataSource dataSource, Runnable drop) {
        this.dataSource = dataSource;
        this.drop = drop;
    }

    /** A new MariaDB schema (see {@link TestDatabase}) with every migration applied. */
    public static CatalogSchema mariaDb(String prefix) {
        return mariaDb(prefix, null);
    }

    /** A new MariaDB schema migrated up to {@code version} (every migration when null). */
    public static CatalogSchema mariaDb(String prefix, String version) {
        String schema = TestDatabase.createSchema(prefix);
        CatalogSchema created = new CatalogSchema(new DriverManagerDataSource(TestDatabase.jdbcUrl(schema),
                TestDatabase.username(), TestDatabase.password()), () -> TestDatabase.dropSchema(schema));
        return created.migrate(version);
    }

    /** A new in-memory H2 database in MySQL mode migrated up to {@code version} (every migration when null). */
    public static CatalogSchema h2(String version) {
        String url = "jdbc:h2:mem:catalog_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "sa", "");
        CatalogSchema created = new CatalogSchema(dataSource,
                () -> new JdbcTemplate(dataSource).execute("DROP ALL OBJECTS"));
        return created.migrate(version);
    }

    /** Applies the migrations up to {@code version}, or all of them when null. */
    public CatalogSchema migrate(String version) {
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/axon", "classpath:db/migration").outOfOrder(true);
        if (version != null) {
            flyway.target(version);
        }
        flyway.load().migrate();
        return this;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    @Override
    public void close() {
        drop.run();
    }
}
