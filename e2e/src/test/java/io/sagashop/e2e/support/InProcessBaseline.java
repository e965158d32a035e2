package io.sagashop.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * The load generator's baseline: the same service jars, unpacked and run in ONE JVM on Axon's
 * local buses and one JDBC event store (module {@code inprocess}), against the same MariaDB.
 * Ports are the usual ones plus {@value #PORT_OFFSET}; schemas {@code inproc_*}, fresh. The
 * sandbox gateway and the SMTP sink stay separate processes in both setups: they stand for
 * outside providers.
 */
public final class InProcessBaseline implements AutoCloseable {

    public static final int PORT_OFFSET = 20_000;

    private record Service(String name, String module, String artifact, int port, String schema) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service("user", "user/user-service", "user-service", 8081, "users"),
            new Service("catalog", "catalog/catalog-service", "catalog-service", 8082, "catalog"),
            new Service("payment", "payment/payment-service", "payment-service", 8084, "payments"),
            new Service("order-saga", "order-saga/order-saga-service", "order-saga-service", 8083, "orders"),
            new Service("notification", "notification/notification-service", "notification-service", 8085, "notifications"),
            new Service("recommendation", "recommendation/recommendation-service", "recommendation-service", 8086,
                    "recommendations"));

    private final List<ShopProcess> processes = new ArrayList<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private ShopProcess services;

    private InProcessBaseline() {
    }

    /** Unpacks the jars, starts the providers and the one JVM, and waits until every service is up. */
    public static InProcessBaseline start(Path root, String version, Duration orderDeadline) {
        InProcessBaseline baseline = new InProcessBaseline();
        try {
            baseline.launch(root.toAbsolutePath().normalize(), version, orderDeadline);
        } catch (IOException e) {
            baseline.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            baseline.close();
            throw e;
        }
        return baseline;
    }

    private void launch(Path root, String version, Duration orderDeadline) throws IOException {
        Path work = root.resolve("e2e/target/inprocess");
        Path lib = work.resolve("lib");
        Path logs = root.resolve("e2e/target/e2e-logs");
        Files.createDirectories(lib);
        freshSchemas();

        int sandbox = 8090 + PORT_OFFSET;
        int smtp = 2525 + PORT_OFFSET;
        external(new ShopProcess("inproc-sandbox", jar(root, "payment/sandbox-gateway", "sandbox-gateway-" + version + "-exec.jar"),
                sandbox, "/admin/faults", List.of("--server.port=" + sandbox), Map.of(), logs), "sandbox");
        Path sink = jar(root, "notification/smtp-sink", "smtp-sink-" + version + "-exec.jar");
        if (Files.exists(sink)) {
            external(new ShopProcess("inproc-smtp-sink", sink, 8025 + PORT_OFFSET, "/actuator/health",
                    List.of("--server.port=" + (8025 + PORT_OFFSET), "--sink.smtp.port=" + smtp), Map.of(), logs), "smtp-sink");
        }

        List<String> launch = new ArrayList<>();
        launch.add("-cp");
        launch.add(lib + "/*:" + root.resolve("inprocess/target/inprocess-" + version + ".jar"));
        launch.add("io.sagashop.inprocess.InProcessShop");
        launch.add("--sagashop.security.jwk-set-uri=http://localhost:" + (8081 + PORT_OFFSET) + "/.well-known/jwks.json");
        launch.add("--sagashop.order.deadline=" + orderDeadline.toSeconds() + "s");
        launch.add("--spring.mail.port=" + smtp);
        int lastPort = 0;
        for (Service service : SERVICES) {
            Path jar = jar(root, service.module(), service.artifact() + "-" + version + ".jar");
            if (!Files.exists(jar)) {
                continue;
            }
            Path classes = work.resolve(service.name());
            String mainClass = unpack(jar, classes, lib);
            int port = service.port() + PORT_OFFSET;
            launch.add(service.name() + "=" + classes + "," + mainClass + "," + port + "," + service.schema());
            urls.put(service.name(), "http://localhost:" + port);
            lastPort = port;
        }
        Map<String, String> env = new HashMap<>();
        env.put("SAGASHOP_USER_ADMIN_EMAIL", Shop.ADMIN_EMAIL);
        env.put("SAGASHOP_USER_ADMIN_PASSWORD", Shop.ADMIN_PASSWORD);
        env.put("SANDBOX_GATEWAY_URL", "http://localhost:" + sandbox);
        // Services start one after the other; the last one healthy means all are.
        services = new ShopProcess("inproc-services", root.resolve("inprocess/target/inprocess-" + version + ".jar"),
                launch, lastPort, "/actuator/health", env, logs);
        services.start();
        processes.add(services);
        services.awaitHealthy(Duration.ofMinutes(6));
    }

    private void external(ShopProcess process, String name) {
        process.start();
        processes.add(process);
        process.awaitHealthy(Duration.ofMinutes(2));
        urls.put(name, process.baseUrl());
    }

    private static Path jar(Path root, String module, String name) {
        return root.resolve(module).resolve("target").resolve(name);
    }

    /** BOOT-INF/classes to its own directory, BOOT-INF/lib into the shared one; returns the Start-Class. */
    private static String unpack(Path jar, Path classes, Path lib) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            for (ZipEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                Path target;
                if (name.startsWith("BOOT-INF/classes/")) {
                    target = classes.resolve(name.substring("BOOT-INF/classes/".length()));
                } else if (name.startsWith("BOOT-INF/lib/")) {
                    target = lib.resolve(name.substring("BOOT-INF/lib/".length()));
                    if (Files.exists(target) && !name.contains("SNAPSHOT")) {
                        continue;
                    }
                } else {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return manifest.getMainAttributes().getValue("Start-Class");
        }
    }

    private static void freshSchemas() {
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/?connectionTimeZone=UTC", "root", "");
             Statement statement = connection.createStatement()) {
            for (String schema : List.of("events", "users", "catalog", "payments", "orders", "notifications", "recommendations")) {
                statement.execute("DROP DATABASE IF EXISTS inproc_" + schema);
                statement.execute("CREATE DATABASE inproc_" + schema);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB/MySQL on 127.0.0.1:3306 is needed for the baseline: " + e.getMessage(), e);
        }
    }

    public ShopClient client() {
        return new ShopClient(urls, Shop.ADMIN_EMAIL, Shop.ADMIN_PASSWORD);
    }

    public String url(String name) {
        return urls.get(name);
    }

    /** The JVM running the services (for CPU accounting; the providers are left out, as for the hub). */
    public Map<String, Long> servicePids() {
        return Map.of("services (one JVM)", services.pid());
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop();
        }
    }
}
