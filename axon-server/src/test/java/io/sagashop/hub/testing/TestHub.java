package io.sagashop.hub.testing;

import io.sagashop.hub.HubApplication;
import io.sagashop.hub.config.GrpcServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub started in the test's JVM on free ports and its own MariaDB schema (or H2), the way
 * it runs for real: the Spring Boot application, Netty on a TCP port, the HTTP API.
 * Restarting keeps the schema and the gRPC port, so connected clients find it again.
 */
public final class TestHub implements AutoCloseable {

    private final String schema;
    private final Map<String, Object> properties;
    private ConfigurableApplicationContext context;
    private int grpcPort;

    private TestHub(String schema, Map<String, Object> properties) {
        this.schema = schema;
        this.properties = properties;
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
        TestHub hub = new TestHub(schema, properties);
        hub.boot(0);
        return hub;
    }

    /** A hub on an embedded H2 database in MySQL mode, the fallback when no MySQL answers. */
    public static TestHub startOnH2() {
        String name = "hubtest_h2_" + System.nanoTime();
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", "jdbc:h2:mem:" + name + ";MODE=MySQL;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        properties.put("spring.datasource.username", "sa");
        properties.put("spring.datasource.password", "");
        TestHub hub = new TestHub(null, properties);
        hub.boot(0);
        return hub;
    }

    private void boot(int port) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("hub.grpc.port", port);
        all.put("server.port", 0);
        // Axon's client auto-configuration is on the test class path for the client apps;
        // the hub itself must not become an Axon client.
        all.put("spring.autoconfigure.exclude", String.join(",", axonAutoConfigurations()));
        // As command-line arguments: builder.properties(...) are mere defaults, which
        // application.yml (datasource url, gRPC port) would override.
        context = new SpringApplicationBuilder(HubApplication.class)
                .run(all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        grpcPort = context.getBean(GrpcServer.class).port();
    }

    /** Stops the hub (as a graceful shutdown would) and starts it again on the same port and data. */
    public void restart() {
        int port = grpcPort;
        stop();
        boot(port);
    }

    public void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    public int grpcPort() {
        return grpcPort;
    }

    /** {@code localhost:port}, as {@code axon.axonserver.servers} takes it. */
    public String servers() {
        return "localhost:" + grpcPort;
    }

    public int httpPort() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String httpUrl() {
        return "http://localhost:" + httpPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        stop();
        if (schema != null) {
            TestDatabase.dropSchema(schema);
        }
    }

    /** Every auto-configuration class Axon registers, read from its imports files. */
    static List<String> axonAutoConfigurations() {
        Set<String> names = new LinkedHashSet<>();
        try {
            var resources = Collections.list(TestHub.class.getClassLoader().getResources(
                    "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports"));
            for (URL url : resources) {
                try (var reader = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    reader.lines().map(String::trim)
                            .filter(line -> line.startsWith("org.axonframework"))
                            .forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(names);
    }
}
