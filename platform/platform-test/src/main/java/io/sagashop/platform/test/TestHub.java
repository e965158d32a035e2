package io.sagashop.platform.test;

import io.sagashop.hub.EmbeddedHub;
import io.sagashop.hub.eventstore.EventStoreService;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one hub of this test JVM ({@link EmbeddedHub}), started on first use with its data in a
 * fresh schema of its own, stopped (and the schema dropped) when the JVM exits. Tests share it:
 * each test class connects with a unique client id to its own schema. It is locked like every
 * hub; services' tests connect with its admin token ({@link #adminToken()}), since their test
 * doubles stand in for other services' handlers. The per-service permissions are exercised by
 * the end-to-end tests, where every service runs with its own credential.
 */
public final class TestHub {

    /** Random per test JVM, so no test depends on a literal. */
    private static final String ADMIN_TOKEN = "test-" + java.util.UUID.randomUUID();

    private static EmbeddedHub hub;
    private static String schema;

    private TestHub() {
    }

    public static synchronized EmbeddedHub get() {
        if (hub == null) {
            schema = TestDatabase.createSchema("hub");
            hub = EmbeddedHub.start(settings(schema));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                hub.stop();
                TestDatabase.dropSchema(schema);
            }, "test-hub-shutdown"));
        }
        return hub;
    }

    /**
     * Empties the hub's event store (its dev-mode purge), so that a test's fresh token store does
     * not replay what earlier test classes stored: their payments would be charged, their
     * products projected, again. Call it only when no other service context is running.
     */
    public static void purgeEvents() {
        // Straight to the store: the hub's HTTP API sits behind the service's Spring Security here.
        EventStoreService events = get().bean(EventStoreService.class);
        events.contexts().forEach(events::purge);
    }

    /** The hub's admin token, for {@code axon.axonserver.token} (every right). */
    public static String adminToken() {
        return ADMIN_TOKEN;
    }

    /** {@code localhost:port} of the hub, for {@code axon.axonserver.servers}. */
    public static String servers() {
        return get().servers();
    }

    /**
     * For a {@code @SpringBootTest} that sets its own datasource (the H2 fallback tests): connects
     * the service to this hub with the admin token and a unique client id starting with
     * {@code clientIdPrefix}, after emptying the event store as {@code @ServiceTest} does, so
     * earlier test classes' events are not this one's. Call it from a {@code @DynamicPropertySource}.
     */
    public static void connect(DynamicPropertyRegistry registry, String clientIdPrefix) {
        purgeEvents();
        registry.add("axon.axonserver.servers", TestHub::servers);
        registry.add("axon.axonserver.token", TestHub::adminToken);
        registry.add("axon.axonserver.client-id", () -> clientIdPrefix + "-" + UUID.randomUUID());
    }

    static Map<String, Object> settings(String schema) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("spring.datasource.url", TestDatabase.jdbcUrl(schema));
        settings.put("spring.datasource.username", TestDatabase.username());
        settings.put("spring.datasource.password", TestDatabase.password());
        settings.put("hub.access.tokens.admin", ADMIN_TOKEN);
        // Tokens are given above: no tokens file is read, and none is created in the module's folder.
        settings.put("hub.access.tokens-file", "target/embedded-hub-has-no-tokens-file");
        // The service's application.yml shadows the hub's on a shared class path: read none and
        // give the hub what it needs here.
        settings.put("spring.config.name", "sagashop-embedded-hub");
        settings.put("spring.flyway.locations", "classpath:db/hub");
        settings.put("spring.application.name", "sagashop-hub");
        // Not a Sagashop service: no platform auto-configuration, no JPA, no security on its HTTP API.
        settings.put("sagashop.platform.enabled", "false");
        // The service's class path has JPA; the hub does not use it: keep its context quiet.
        settings.put("spring.jpa.hibernate.ddl-auto", "none");
        settings.put("spring.jpa.open-in-view", "false");
        settings.put("spring.jpa.database-platform", "io.sagashop.platform.db.SagashopMariaDBDialect");
        settings.put("spring.data.jpa.repositories.enabled", "false");
        // A service with persistent deadlines has db-scheduler on its class path; the hub has no
        // scheduled_tasks table and no use for it.
        settings.put("db-scheduler.enabled", "false");
        return settings;
    }
}
