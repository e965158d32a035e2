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

    /** Where spans go in Zipkin's format, e.g. {@code http://127.0.0.1:9411/api/v2/spans}. */
    public static final String ZIPKIN_ENDPOINT = "management.zipkin.tracing.endpoint";

    /**
     * Spring Boot exports to {@code localhost:9411} as soon as the Zipkin exporter is on the class
     * path, endpoint set or not: with no collector there, every batch would fail. The platform
     * exports only when the endpoint is configured (./shop sets it when it starts Zipkin); setting
     * this property explicitly still wins.
     */
    public static final String ZIPKIN_EXPORT = "management.zipkin.tracing.export.enabled";

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
        // Connections leave the pool with auto-commit off, so a transaction does not begin with
        // SET autocommit=0 and end with SET autocommit=1: two of the ~7 statements each of an
        // order's ~28 transactions sent (Spring's JdbcTransactionManager and Hibernate switch it
        // only when it is on). The price: a write outside a Spring transaction is rolled back when
        // its connection goes back to the pool, so every write runs in one (a unit of work, a
        // TransactionTemplate); docs/performance.md, "SET autocommit", lists the places.
        defaults.put("spring.datasource.hikari.auto-commit", "false");
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
        // Every trace sampled unless MANAGEMENT_TRACING_SAMPLING_PROBABILITY says otherwise (0.1 keeps
        // one order in ten; an order's spans in every service follow the decision made where it
        // started, since the sampled flag travels in the traceparent metadata).
        defaults.put("management.tracing.sampling.probability", "1.0");
        // One trace per order across services: an event handler's span is a child of the span that
        // published the event (Axon's default links it to a new trace instead), as commands and
        // queries already are. Events older than the time limit (a replay, a processor catching up)
        // still get a new trace of their own with a link, so a replay does not grow old traces.
        defaults.put("axon.tracing.event-processor.distributed-in-same-trace", "true");
        defaults.put("axon.tracing.event-processor.distributed-in-same-trace-time-limit", "2m");
        // No root span per processor batch: each would be a trace of its own for every batch of every
        // streaming processor (several a second per service when idle), and nobody opens them.
        defaults.put("axon.tracing.event-processor.disable-batch-trace", "true");
        // A collector that is away: OpenTelemetry's Zipkin exporter logs each failed batch with its
        // stack trace; the platform's sender says it once a minute instead (QuietZipkinSender).
        defaults.put("logging.level.io.opentelemetry.exporter.zipkin.ZipkinSpanExporter", "ERROR");
        // A direct query this service handles itself is answered here, not sent to the hub and back
        // to this same process: no serialization either way, no two hops, no hub routing (e.g. every
        // GET /orders/{id} of the order service). Its dispatch span ends after its scope closes
        // (axon.EndAfterScopesSpan): the connector's local path ends it inside the scope, which Axon's
        // OpenTelemetry span logged with a stack trace, 34 000 times in 8 minutes at 8 orders/s.
        defaults.put("axon.axonserver.shortcut-queries-to-local-handlers", "true");
        // Spring Security's observations wrap each of its filters in a span of its own: on the
        // order path that was a fifth of the order service's CPU for spans nobody reads. The
        // request's own span (and the trace id in the logs) stay. This only makes them no-ops;
        // PlatformSecurityAutoConfiguration's SecurityObservationSettings stops them being built.
        defaults.put("management.observations.enable.spring.security", "false");
        // No W3C baggage: no service sets or reads any (the correlation id is the platform's own
        // metadata and MDC entry), yet every message's trace context went through the baggage
        // propagator both ways and every scope change copied baggage into the MDC.
        defaults.put("management.tracing.baggage.enabled", "false");
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
            Map<String, Object> defaults = defaults();
            defaults.put(ZIPKIN_EXPORT, Boolean.toString(environment.containsProperty(ZIPKIN_ENDPOINT)));
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
        }
    }
}
