package io.sagashop.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The whole shop as real processes, started once per test JVM and stopped when it exits. Ports
 * are the usual ones plus {@value #PORT_OFFSET}, so a shop started with {@code ./shop up} on the
 * same machine does not get in the way; schemas are {@code e2e_*}, dropped and created afresh at
 * start. A process whose module is not in this checkout is left out. The hub runs locked, as
 * {@code ./shop up} runs it: every application gets a random token of its own (written to
 * {@code e2e/target/e2e-hub-tokens.properties}, mode 600, for the hub), and each service only its own.
 *
 * <p>Settings (system properties): {@code sagashop.root} (the repository, set by failsafe),
 * {@code sagashop.e2e.db} (a JDBC URL of the MariaDB/MySQL server, default
 * {@code jdbc:mysql://127.0.0.1:3306}), {@code sagashop.e2e.db.user} / {@code .password}.
 */
public final class Shop {

    public static final int PORT_OFFSET = 10_000;
    public static final String ADMIN_EMAIL = "admin@e2e.sagashop.local";
    public static final String ADMIN_PASSWORD = "e2e-operator-passphrase";
    /**
     * The order deadline the e2e shop runs with: the service default. Shorter, a hub restart on a
     * loaded machine could outlast it, and the orders in flight would end rejected at their
     * deadline instead of showing that they survive the restart.
     */
    public static final Duration ORDER_DEADLINE = Duration.ofSeconds(30);
    /** Processes that stand for the world outside the shop: not counted as the shop's CPU. */
    public static final Set<String> OUTSIDE_PROVIDERS = Set.of("sandbox", "smtp-sink");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    /** Zipkin's port in the e2e shop (its usual 9411 plus the offset), when a test asks for traces. */
    public static final int ZIPKIN_PORT = 9411 + PORT_OFFSET;
    /** The services that export spans when the shop is traced (the hub and the outside providers do not). */
    private static final List<String> SERVICES = List.of("user", "catalog", "payment", "order-saga", "notification",
            "recommendation");

    private static Shop instance;
    /** Whether the next shop started is traced from its start ({@link #traced()} before {@link #get()}). */
    private static boolean traceFromStart;

    private final Path root;
    private final String version;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final Map<String, ShopProcess> processes = new LinkedHashMap<>();
    /** The hub's credentials by application, fresh for every run. */
    private final Map<String, String> hubTokens = new LinkedHashMap<>();

    private Shop() {
        root = Path.of(System.getProperty("sagashop.root", "..")).toAbsolutePath().normalize();
        version = System.getProperty("sagashop.version", "0.1.0-SNAPSHOT");
        dbUrl = System.getProperty("sagashop.e2e.db", "jdbc:mysql://127.0.0.1:3306");
        dbUser = System.getProperty("sagashop.e2e.db.user", "root");
        dbPassword = System.getProperty("sagashop.e2e.db.password", "");
    }

    /** The running shop; the first call starts it (takes a minute or two on two cores). */
    public static synchronized Shop get() {
        if (instance == null) {
            Shop shop = new Shop();
            Runtime.getRuntime().addShutdownHook(new Thread(shop::stopAll, "e2e-shop-stop"));
            try {
                shop.startAll();
            } catch (RuntimeException e) {
                // The next test class starts afresh: what did start must not hold its ports meanwhile.
                shop.stopAll();
                throw e;
            }
            instance = shop;
        }
        return instance;
    }

    /**
     * The running shop with a trace collector: Zipkin's server on 127.0.0.1:{@value #ZIPKIN_PORT}
     * (in memory) and every service exporting its spans to it. The shop is otherwise untraced, as
     * a shop without a collector runs: a test class that needs traces calls this instead of
     * {@link #get()}. Started with tracing when this is the first call of the JVM; a shop already
     * running without it gets Zipkin and its services restarted with the Zipkin endpoint (the hub
     * keeps running, so the data and connections of the tests before stay).
     */
    public static synchronized Shop traced() {
        if (instance == null) {
            traceFromStart = true;
            return get();
        }
        instance.traceServices();
        return instance;
    }

    /** The Zipkin server's base URL; fails when the shop is not {@link #traced()}. */
    public String zipkinUrl() {
        return process("zipkin").baseUrl();
    }

    public ShopProcess process(String name) {
        ShopProcess process = processes.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no process " + name + " in this shop: " + processes.keySet());
        }
        return process;
    }

    public boolean has(String name) {
        return processes.containsKey(name);
    }

    public String url(String name) {
        return process(name).baseUrl();
    }

    /** Starts the process if it is not running (a test before may have killed it) and waits for it. */
    public void ensureRunning(String name) {
        ShopProcess process = process(name);
        if (!process.alive()) {
            process.start();
            process.awaitHealthy(START_TIMEOUT);
        }
    }

    /** Starts a process again (after {@link ShopProcess#kill()} or {@link ShopProcess#stop()}) and waits for it. */
    public void restart(String name) {
        ShopProcess process = process(name);
        process.stop();
        process.start();
        process.awaitHealthy(START_TIMEOUT);
    }

    /**
     * Stops a process (if it runs) and starts it again with some settings changed for this run
     * only, e.g. {@code restartWith("order-saga", "--sagashop.fault.halt-after-commit=order-saga:StockReserved")};
     * waits until it is healthy. {@link #restart(String)} brings back the usual settings.
     *
     * @param overrides {@code --name=value} arguments, each replacing the process's own of that name
     */
    public void restartWith(String name, String... overrides) {
        ShopProcess process = process(name);
        process.stop();
        process.start(List.of(overrides));
        process.awaitHealthy(START_TIMEOUT);
    }

    /**
     * Waits until a process ends by itself (a fault it was started with halted it) and returns its
     * exit status; fails when it still runs after the timeout.
     */
    public int awaitExit(String name, Duration timeout) {
        return process(name).awaitExit(timeout);
    }

    /**
     * Starts a second instance of a service (name {@code <name>-2}, port + 100, client id
     * {@code <name>-2}; the first one's client id is {@code <name>-1}) and waits for it.
     */
    public ShopProcess scaleOut(String name) {
        ShopProcess first = process(name);
        ShopProcess second = processes.get(name + "-2");
        if (second == null) {
            second = first.another(name + "-2", first.port() + 100);
            processes.put(second.name(), second);
        }
        if (!second.alive()) {
            second.start();
            second.awaitHealthy(START_TIMEOUT);
        }
        return second;
    }

    /** The e2e hub's admin token: every right, on gRPC and on the HTTP API (operator). */
    public String hubAdminToken() {
        return hubToken("admin");
    }

    /** The hub token of one application ({@code payment}, {@code notification}, {@code monitoring}, ...). */
    public String hubToken(String application) {
        String token = hubTokens.get(application);
        if (token == null) {
            throw new IllegalArgumentException("no hub token for " + application + ": " + hubTokens.keySet());
        }
        return token;
    }

    /**
     * The standalone saga console ({@code console/}), started on first call (port 8030 + the
     * offset) and not with the shop, so that only the tests that use it pay for it: connected to
     * the hub as an ordinary Axon client with the application {@code console}'s own token,
     * signing operators in with the user service. Returns at once; {@link ShopProcess#awaitHealthy}
     * waits until it is connected.
     */
    public synchronized ShopProcess startConsole() {
        ShopProcess console = processes.get("console");
        if (console == null) {
            int user = 8081 + PORT_OFFSET;
            add(root.resolve("e2e/target/e2e-logs"), "console", "console", "console-" + version + ".jar",
                    8030 + PORT_OFFSET, "/actuator/health",
                    List.of("--axon.axonserver.servers=localhost:" + (8124 + PORT_OFFSET),
                            "--console.sign-in.jwk-set-uri=http://localhost:" + user + "/.well-known/jwks.json",
                            "--console.sign-in.login-uri=http://localhost:" + user + "/auth/login"),
                    Map.of("AXON_AXONSERVER_TOKEN", hubToken("console")));
            console = process("console");
        }
        if (!console.alive()) {
            console.start();
        }
        return console;
    }

    public ShopClient client() {
        Map<String, String> urls = new HashMap<>();
        processes.forEach((name, process) -> urls.put(name, process.baseUrl()));
        return new ShopClient(urls, ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /**
     * The operating-system process ids of the hub and the services by name (for CPU accounting);
     * the sandbox gateway and the SMTP sink stand for outside providers and are left out.
     */
    public Map<String, Long> servicePids() {
        return processes.values().stream().filter(p -> !OUTSIDE_PROVIDERS.contains(p.name()) && p.pid() > 0)
                .collect(Collectors.toMap(ShopProcess::name, ShopProcess::pid));
    }

    /** Stops every process now (the load generator runs the baseline after the shop). */
    public static synchronized void stopShop() {
        if (instance != null) {
            instance.stopAll();
            instance = null;
        }
    }

    private void startAll() {
        freshSchemas();
        Path logs = root.resolve("e2e/target/e2e-logs");
        Path tokens = writeHubTokens(root.resolve("e2e/target/e2e-hub-tokens.properties"));
        define(logs, tokens);
        if (traceFromStart) {
            // In the background first: it is ready long before the services send their first spans.
            ShopProcess zipkin = defineZipkin(logs);
            zipkin.start();
        }
        ShopProcess hub = process("hub");
        hub.start();
        hub.awaitHealthy(START_TIMEOUT);
        List<ShopProcess> rest = new ArrayList<>(processes.values());
        rest.remove(hub);
        rest.stream().filter(p -> !p.alive()).forEach(ShopProcess::start); // Zipkin may be running already
        rest.forEach(p -> p.awaitHealthy(START_TIMEOUT));
    }

    /** Spans to the e2e Zipkin, in Zipkin's JSON (Spring Boot's exporter; the platform turns it on). */
    private static String zipkinEndpointArg() {
        return "--management.zipkin.tracing.endpoint=http://127.0.0.1:" + ZIPKIN_PORT + "/api/v2/spans";
    }

    /**
     * Zipkin's executable jar: copied to e2e/target/zipkin by the build (pre-integration-test), else
     * the one in the local Maven repository.
     */
    private ShopProcess defineZipkin(Path logs) {
        ShopProcess existing = processes.get("zipkin");
        if (existing != null) {
            return existing;
        }
        String zipkinVersion = System.getProperty("sagashop.zipkin.version", "3.5.1");
        Path jar = root.resolve("e2e/target/zipkin/zipkin-server-" + zipkinVersion + "-exec.jar");
        if (!Files.exists(jar)) {
            jar = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "zipkin", "zipkin-server",
                    zipkinVersion, "zipkin-server-" + zipkinVersion + "-exec.jar");
        }
        ShopProcess zipkin = new ShopProcess("zipkin", jar, List.of("-jar", jar.toString(),
                "--armeria.ports[0].port=" + ZIPKIN_PORT, "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].protocols[0]=http", "--zipkin.storage.mem.max-spans=20000"),
                ZIPKIN_PORT, "/health", Map.of("STORAGE_TYPE", "mem"), logs);
        // First in the map: stopped last, after the services' final spans.
        Map<String, ShopProcess> reordered = new LinkedHashMap<>();
        reordered.put("zipkin", zipkin);
        reordered.putAll(processes);
        processes.clear();
        processes.putAll(reordered);
        return zipkin;
    }

    /** Zipkin up, and every service restarted exporting to it (all stopped, all started, then awaited). */
    private void traceServices() {
        ShopProcess zipkin = defineZipkin(root.resolve("e2e/target/e2e-logs"));
        if (!zipkin.alive()) {
            zipkin.start();
        }
        List<ShopProcess> services = SERVICES.stream().filter(processes::containsKey).map(processes::get).toList();
        services.forEach(ShopProcess::stop);
        services.forEach(service -> service.start(List.of(zipkinEndpointArg())));
        zipkin.awaitHealthy(START_TIMEOUT);
        services.forEach(service -> service.awaitHealthy(START_TIMEOUT));
    }

    private void stopAll() {
        List<ShopProcess> reversed = new ArrayList<>(processes.values());
        java.util.Collections.reverse(reversed);
        reversed.forEach(ShopProcess::stop);
    }

    private static final List<String> SCHEMAS = List.of("hub", "users", "catalog", "payments", "orders",
            "notifications", "recommendations");

    private void freshSchemas() {
        try (Connection connection = DriverManager.getConnection(dbUrl + "/?connectionTimeZone=UTC", dbUser, dbPassword);
             Statement statement = connection.createStatement()) {
            for (String schema : SCHEMAS) {
                statement.execute("DROP DATABASE IF EXISTS e2e_" + schema);
                statement.execute("CREATE DATABASE e2e_" + schema);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB/MySQL at " + dbUrl + " is needed for the e2e tests: " + e.getMessage(), e);
        }
    }

    private String jdbc(String schema) {
        return dbUrl + "/e2e_" + schema + "?connectionTimeZone=UTC"
                + (schema.equals("hub") ? "&rewriteBatchedStatements=true&useServerPrepStmts=false" : "");
    }

    private static final List<String> HUB_APPLICATIONS = List.of("admin", "monitoring", "user", "catalog", "payment",
            "order-saga", "notification", "recommendation", "console");

    /** A random token per application, in a file only this user may read. */
    private Path writeHubTokens(Path file) {
        SecureRandom random = new SecureRandom();
        StringBuilder lines = new StringBuilder();
        for (String application : HUB_APPLICATIONS) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            hubTokens.put(application, token);
            lines.append(application).append('=').append(token).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the e2e hub's tokens to " + file, e);
        }
        return file;
    }

    private void define(Path logs, Path hubTokensFile) {
        int hubHttp = 8024 + PORT_OFFSET;
        int hubGrpc = 8124 + PORT_OFFSET;
        int smtp = 2525 + PORT_OFFSET;
        int user = 8081 + PORT_OFFSET;
        int sandbox = 8090 + PORT_OFFSET;

        add(logs, "hub", "axon-server", "axon-server-" + version + "-exec.jar", hubHttp, "/actuator/health",
                with(List.of("--hub.grpc.port=" + hubGrpc, "--hub.access.tokens-file=" + hubTokensFile,
                        "--hub.sign-in.jwk-set-uri=http://localhost:" + user + "/.well-known/jwks.json",
                        "--hub.sign-in.login-uri=http://localhost:" + user + "/auth/login"),
                        // where the dashboard's order timeline links an order's trace
                        "--hub.dashboard.trace-viewer-url=http://127.0.0.1:" + ZIPKIN_PORT),
                database("HUB", "hub"));
        add(logs, "smtp-sink", "notification/smtp-sink", "smtp-sink-" + version + "-exec.jar", 8025 + PORT_OFFSET,
                "/actuator/health", List.of("--sink.smtp.port=" + smtp), Map.of());
        add(logs, "sandbox", "payment/sandbox-gateway", "sandbox-gateway-" + version + "-exec.jar", sandbox,
                "/admin/faults", List.of(), Map.of());

        List<String> service = List.of("--axon.axonserver.servers=localhost:" + hubGrpc,
                "--sagashop.security.jwk-set-uri=http://localhost:" + user + "/.well-known/jwks.json");
        if (traceFromStart) {
            service = with(service, zipkinEndpointArg());
        }
        Map<String, String> userEnv = new HashMap<>(hubCredential("user", database("USER", "users")));
        userEnv.put("SAGASHOP_USER_ADMIN_EMAIL", ADMIN_EMAIL);
        userEnv.put("SAGASHOP_USER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        add(logs, "user", "user/user-service", "user-service-" + version + ".jar", user, "/actuator/health",
                service, userEnv);
        add(logs, "catalog", "catalog/catalog-service", "catalog-service-" + version + ".jar", 8082 + PORT_OFFSET,
                "/actuator/health", service, hubCredential("catalog", database("CATALOG", "catalog")));
        Map<String, String> paymentEnv = new HashMap<>(hubCredential("payment", database("PAYMENT", "payments")));
        paymentEnv.put("SANDBOX_GATEWAY_URL", "http://localhost:" + sandbox);
        add(logs, "payment", "payment/payment-service", "payment-service-" + version + ".jar", 8084 + PORT_OFFSET,
                "/actuator/health", service, paymentEnv);
        add(logs, "order-saga", "order-saga/order-saga-service", "order-saga-service-" + version + ".jar",
                8083 + PORT_OFFSET, "/actuator/health",
                with(service, "--sagashop.order.deadline=" + ORDER_DEADLINE.toSeconds() + "s"),
                hubCredential("order-saga", database("ORDER", "orders")));
        add(logs, "notification", "notification/notification-service", "notification-service-" + version + ".jar",
                8085 + PORT_OFFSET, "/actuator/health",
                with(service, "--spring.mail.host=localhost", "--spring.mail.port=" + smtp),
                hubCredential("notification", database("NOTIFICATION", "notifications")));
        add(logs, "recommendation", "recommendation/recommendation-service",
                "recommendation-service-" + version + ".jar", 8086 + PORT_OFFSET, "/actuator/health", service,
                hubCredential("recommendation", database("RECOMMENDATION", "recommendations")));
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    /** The environment plus the service's own hub token (an environment variable, not a visible argument). */
    private Map<String, String> hubCredential(String application, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("AXON_AXONSERVER_TOKEN", hubToken(application));
        return all;
    }

    private Map<String, String> database(String prefix, String schema) {
        return Map.of(prefix + "_DB_URL", jdbc(schema), prefix + "_DB_USER", dbUser, prefix + "_DB_PASSWORD", dbPassword);
    }

    private void add(Path logs, String name, String module, String jarName, int port, String health, List<String> args,
                     Map<String, String> env) {
        if (!Files.isDirectory(root.resolve(module))) {
            return;
        }
        List<String> all = new ArrayList<>(args);
        all.add(0, "--server.port=" + port);
        if (args.stream().anyMatch(arg -> arg.startsWith("--axon.axonserver.servers="))) {
            // A readable client id, as the hub's dashboard and routing show it.
            all.add("--axon.axonserver.client-id=" + name + "-1");
        }
        processes.put(name, new ShopProcess(name, root.resolve(module).resolve("target").resolve(jarName), port, health,
                all, env, logs));
    }
}
