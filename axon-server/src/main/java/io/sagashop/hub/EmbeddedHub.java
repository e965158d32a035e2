package io.sagashop.hub;

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
 * The hub started inside another JVM, as the services' integration tests use it: the real
 * application (Netty gRPC, HTTP API, its own database), on free ports unless told otherwise.
 * The hub's data lives wherever {@code spring.datasource.url} points; restarting keeps the
 * gRPC port so connected clients find it again.
 */
public final class EmbeddedHub implements AutoCloseable {

    private final Map<String, Object> properties;
    private ConfigurableApplicationContext context;
    private int grpcPort;

    private EmbeddedHub(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    /**
     * Starts a hub with the given settings (at least {@code spring.datasource.url}, username and
     * password). {@code hub.grpc.port} and {@code server.port} default to 0: free ports.
     */
    public static EmbeddedHub start(Map<String, ?> settings) {
        EmbeddedHub hub = new EmbeddedHub(new HashMap<>(settings));
        Object port = settings.get("hub.grpc.port");
        hub.boot(port == null ? 0 : Integer.parseInt(port.toString()));
        return hub;
    }

    private void boot(int port) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("hub.grpc.port", port);
        all.putIfAbsent("server.port", 0);
        // A service's test class path has Axon's client auto-configuration; the hub must not
        // become an Axon client of itself.
        all.put("spring.autoconfigure.exclude", String.join(",", axonAutoConfigurations()));
        all.put("spring.main.banner-mode", "off");
        // As command-line arguments: default properties would lose to application.yml, and the
        // hub would take the fixed ports and the shared schema instead of the ones asked for.
        context = new SpringApplicationBuilder(HubApplication.class).run(all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        grpcPort = context.getBean(GrpcServer.class).port();
    }

    /** Stops the hub gracefully and starts it again on the same gRPC port and data. */
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

    public boolean isRunning() {
        return context != null;
    }

    public int grpcPort() {
        return grpcPort;
    }

    /** {@code localhost:port}, the value for a client's {@code axon.axonserver.servers}. */
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
    }

    /** Every auto-configuration class Axon registers, read from the imports files on the class path. */
    private static List<String> axonAutoConfigurations() {
        Set<String> names = new LinkedHashSet<>();
        try {
            var resources = Collections.list(EmbeddedHub.class.getClassLoader().getResources(
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
