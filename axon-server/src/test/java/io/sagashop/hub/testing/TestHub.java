package io.sagashop.hub.testing;

import io.sagashop.hub.EmbeddedHub;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub started in the test's JVM ({@link EmbeddedHub}) on free ports and its own fresh
 * MariaDB schema (or H2), dropped again on close. Restarting keeps schema and gRPC port.
 * Locked as always: unless a test configures its own tokens, the built-in {@code admin}
 * application has {@link #ADMIN_TOKEN}, which {@link TestClient} and the raw clients send.
 */
public final class TestHub implements AutoCloseable {

    /** The admin token of every test hub that configures no tokens of its own. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

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

    /** A hub on a fresh MariaDB schema with extra settings ({@code hub.access.tokens.payment}, ...). */
    public static TestHub start(Map<String, Object> settings) {
        String schema = TestDatabase.createSchema("hubtest");
        Map<String, Object> properties = credentials(settings);
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
        Map<String, Object> properties = credentials(settings);
        properties.put("spring.datasource.url", "jdbc:h2:mem:hubtest_h2_" + System.nanoTime()
                + ";MODE=MySQL;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        properties.put("spring.datasource.username", "sa");
        properties.put("spring.datasource.password", "");
        properties.putAll(settings);
        return new TestHub(null, EmbeddedHub.start(properties));
    }

    /**
     * The admin token, unless the settings give tokens or a tokens file; no tokens file otherwise
     * (none is read or created).
     */
    private static Map<String, Object> credentials(Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("hub.access.tokens-file", "target/test-hub-has-no-tokens-file");
        if (settings.keySet().stream().noneMatch(key -> key.startsWith("hub.access.tokens"))) {
            properties.put("hub.access.tokens.admin", ADMIN_TOKEN);
        }
        return properties;
    }

    /** A client interceptor that sends {@code token} as {@code AxonIQ-Access-Token}, for raw gRPC channels. */
    public static io.grpc.ClientInterceptor token(String token) {
        io.grpc.Metadata headers = new io.grpc.Metadata();
        headers.put(io.grpc.Metadata.Key.of("AxonIQ-Access-Token", io.grpc.Metadata.ASCII_STRING_MARSHALLER), token);
        return io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    /** {@link #token} with the admin token. */
    public static io.grpc.ClientInterceptor adminToken() {
        return token(ADMIN_TOKEN);
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
