package io.sagashop.hub.testing;

import io.sagashop.hub.EmbeddedHub;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub started in the test's JVM ({@link EmbeddedHub}) on free ports and its own fresh
 * MariaDB schema (or H2), dropped again on close. Restarting keeps schema and gRPC port.
 */
public final class TestHub implements AutoCloseable {

    private final String schema;
    private final EmbeddedHub hub;

    private TestHub(String schema, EmbeddedHub hub) {
        this.schema = schema;
        this.hub = hub;
    }

    /** A hub on a fresh MariaDB schema. */
    public static TestHub start() {
        return start(Map.of());
    }

    /** A hub on a fresh MariaDB schema with extra settings ({@code hub.access-token}, ...). */
    public static TestHub start(Map<String, Object> settings) {
        String schema = TestDatabase.createSchema("hubtest");
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", TestDatabase.jdbcUrl(schema));
        properties.put("spring.datasource.username", TestDatabase.USER);
        properties.put("spring.datasource.password", TestDatabase.PASSWORD);
        properties.putAll(settings);
        return new TestHub(schema, EmbeddedHub.start(properties));
    }

    /** A hub on an embedded H2 database in MySQL mode, the fallback when no MySQL answers. */
    public static TestHub startOnH2() {
        return startOnH2(Map.of());
    }

    public static TestHub startOnH2(Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", "jdbc:h2:mem:hubtest_h2_" + System.nanoTime()
                + ";MODE=MySQL;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        properties.put("spring.datasource.username", "sa");
        properties.put("spring.datasource.password", "");
        properties.putAll(settings);
        return new TestHub(null, EmbeddedHub.start(properties));
    }

    /** Stops the hub (as a graceful shutdown would) and starts it again on the same port and data. */
    public void restart() {
        hub.restart();
    }

    public void stop() {
        hub.stop();
    }

    public int grpcPort() {
        return hub.grpcPort();
    }

    /** {@code localhost:port}, as {@code axon.axonserver.servers} takes it. */
    public String servers() {
        return hub.servers();
    }

    public int httpPort() {
        return hub.httpPort();
    }

    public String httpUrl() {
        return hub.httpUrl();
    }

    public <T> T bean(Class<T> type) {
        return hub.bean(type);
    }

    public ConfigurableApplicationContext context() {
        return hub.context();
    }

    @Override
    public void close() {
        hub.close();
        if (schema != null) {
            TestDatabase.dropSchema(schema);
        }
    }
}
