package io.sagashop.platform.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Adds the platform's default settings with the lowest precedence, so a service's
 * application.yml, environment variables and test properties all override them. Skipped when
 * {@code sagashop.platform.enabled=false} (the hub started inside a service's test JVM).
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    public static final String SOURCE_NAME = "sagashopPlatformDefaults";

    /**
     * At most 100 statements per connection: with ten connections per service and nine
     * processes that stays well under MariaDB's max_prepared_stmt_count (16 382).
     */
    static final Map<String, String> DRIVER_PROPERTIES = Map.of(
            "useServerPrepStmts", "true",
            "cachePrepStmts", "true",
            "prepStmtCacheSize", "100",
            "prepStmtCacheSqlLimit", "2048",
            "useLocalSessionState", "true",
            "cacheResultSetMetadata", "true",
            "cacheServerConfiguration", "true",
            "elideSetAutoCommits", "true",
            "maintainTimeStats", "false");

    static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        // Axon: readable JSON everywhere, the hub on its usual port.
        defaults.put("axon.serializer.general", "jackson");
        defaults.put("axon.serializer.events", "jackson");
        defaults.put("axon.serializer.messages", "jackson");
        defaults.put("axon.axonserver.servers", "localhost:8124");
        // JPA: the schema comes from Flyway only; UUIDs as char(36) (mysql-connector-j has no uuid type).
        defaults.put("spring.jpa.hibernate.ddl-auto", "validate");
        defaults.put("spring.jpa.open-in-view", "false");
        defaults.put("spring.jpa.properties.hibernate.type.preferred_uuid_jdbc_type", "CHAR");
        defaults.put("spring.flyway.locations", "classpath:db/migration");
        // The platform's migrations are versions 0.x, below every service's own: one the platform
        // adds later must still apply to a schema where the service's V1 and up already ran.
        defaults.put("spring.flyway.out-of-order", "true");
        // READ COMMITTED, not InnoDB's REPEATABLE READ: a saga or token loaded after taking its
        // lock must see what the previous holder committed, not the snapshot its transaction took
        // at its first read (with REPEATABLE READ a deadline's saga update was lost that way).
        defaults.put("spring.datasource.hikari.transaction-isolation", "TRANSACTION_READ_COMMITTED");
        // MySQL Connector/J: statements prepared on the server and kept per connection, so blobs
        // (tokens, sagas) travel as bytes in the binary protocol instead of being turned into hex
        // literals byte by byte, and each statement is parsed once; session state is tracked in
        // the driver instead of asked from the server on every transaction. Measured on the order
        // path; see docs/performance.md. H2 (the fallback) ignores these properties.
        DRIVER_PROPERTIES.forEach((name, value) -> defaults.put("spring.datasource.hikari.data-source-properties." + name, value));
        // Nothing listens beyond this machine unless configured: SERVER_ADDRESS=0.0.0.0 (or one
        // interface's address) opens a service, e.g. behind a TLS-terminating proxy elsewhere.
        defaults.put("server.address", "127.0.0.1");
        // Operations: health (public), info and metrics (administrators, see the security
        // auto-configuration); every span sampled.
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.tracing.sampling.probability", "1.0");
        // Spring Security's observations wrap each of its filters in a span of its own: on the
        // order path that was a fifth of the order service's CPU for spans nobody reads. The
        // request's own span (and the trace id in the logs) stay.
        defaults.put("management.observations.enable.spring.security", "false");
        defaults.put("management.metrics.tags.application", "${spring.application.name:sagashop}");
        // The trace id, span id and correlation id in every log line.
        defaults.put("logging.pattern.correlation", "[%X{traceId:-},%X{spanId:-},%X{correlationId:-}] ");
        // API description.
        defaults.put("springdoc.swagger-ui.path", "/swagger-ui.html");
        defaults.put("springdoc.api-docs.path", "/v3/api-docs");
        defaults.put("spring.mvc.problemdetails.enabled", "false");
        return defaults;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("sagashop.platform.enabled", Boolean.class, true)) {
            return;
        }
        if (!environment.getPropertySources().contains(SOURCE_NAME)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults()));
        }
    }
}
