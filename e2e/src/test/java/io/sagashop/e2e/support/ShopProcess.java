package io.sagashop.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the shop's processes: a jar started with {@code java -jar}, its log in
 * {@code e2e/target/e2e-logs}. It can be stopped gracefully, killed like {@code kill -9}, and
 * started again with the same settings (and so the same database and token stores).
 */
public final class ShopProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path required;
    private final List<String> launch;
    private final int port;
    private final String healthPath;
    private final Map<String, String> env;
    private final Path logDirectory;
    private Process process;
    private int starts;

    /** A process started with {@code java -jar jar args...}. */
    ShopProcess(String name, Path jar, int port, String healthPath, List<String> args, Map<String, String> env,
                Path logDirectory) {
        this(name, jar, concat(List.of("-jar", jar.toString()), args), port, healthPath, env, logDirectory);
    }

    /**
     * A process started with {@code java launch...}.
     *
     * @param required a file that must exist first (the jar), named in the error when it does not
     * @param port     the HTTP port whose health path says the process is ready
     */
    ShopProcess(String name, Path required, List<String> launch, int port, String healthPath, Map<String, String> env,
                Path logDirectory) {
        this.name = name;
        this.required = required;
        this.launch = List.copyOf(launch);
        this.port = port;
        this.healthPath = healthPath;
        this.env = Map.copyOf(env);
        this.logDirectory = logDirectory;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Starts the process; returns at once (see {@link #awaitHealthy(Duration)}). */
    public synchronized void start() {
        start(List.of());
    }

    /**
     * Starts the process with some of its settings changed, for this run only; returns at once.
     *
     * @param overrides {@code --name=value} arguments, each replacing an argument of the same name
     *                  (Spring would read a repeated one as a list) or added
     */
    public synchronized void start(List<String> overrides) {
        if (alive()) {
            throw new IllegalStateException(name + " is already running");
        }
        if (!Files.exists(required)) {
            throw new IllegalStateException(required + " is missing: package the services first (mvn -B -DskipTests package)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xms64m");
        command.add("-Xmx512m");
        command.add("-XX:+UseParallelGC");
        // C1 only: a test's processes live minutes, far shorter than C2 needs to pay back its
        // compiling on two cores (./shop keeps C2 for its busiest processes; docs/performance.md).
        command.add("-XX:TieredStopAtLevel=1");
        // No hsperfdata counters: their sampling costs every idle JVM CPU, and nothing here uses jps.
        command.add("-XX:-UsePerfData");
        command.add("-Daxoniq.update-checker.disabled=true");
        command.addAll(overridden(launch, overrides));
        try {
            Files.createDirectories(logDirectory);
            starts++;
            Path log = logDirectory.resolve(name + (starts > 1 ? "." + starts : "") + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(logDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name, e);
        }
    }

    /** Waits until the process reports healthy; fails naming it and its log when it does not. */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new IllegalStateException(name + " exited while starting; see " + logDirectory.resolve(name + ".log"));
            }
            if (healthy()) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " did not report healthy within " + timeout + "; see " + logDirectory);
    }

    /** Whether the process answers its health check with UP (or, without actuator, answers at all). */
    public boolean healthy() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + healthPath))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            if (!healthPath.startsWith("/actuator/health")) {
                return response.statusCode() < 500;
            }
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until the process ends by itself and returns its exit status; fails naming the
     * process and its log when it is still running after the timeout.
     */
    public int awaitExit(Duration timeout) {
        Process running;
        synchronized (this) {
            running = process;
        }
        if (running == null) {
            throw new IllegalStateException(name + " was never started");
        }
        try {
            if (!running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " still runs after " + timeout + "; see " + logDirectory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return running.exitValue();
    }

    private static List<String> overridden(List<String> launch, List<String> overrides) {
        List<String> all = new ArrayList<>(launch);
        for (String override : overrides) {
            int equals = override.indexOf('=');
            if (!override.startsWith("--") || equals < 3) {
                throw new IllegalArgumentException("an override is --name=value, not " + override);
            }
            String key = override.substring(0, equals + 1);
            all.removeIf(arg -> arg.startsWith(key));
            all.add(override);
        }
        return all;
    }

    /** The operating-system process id, or -1 when not running. */
    public synchronized long pid() {
        return alive() ? process.pid() : -1;
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Like {@code kill -9}: no shutdown hooks, no graceful close. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM, then kill after a grace period. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(30))) {
                kill();
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Another instance of the same program: same settings, another name, HTTP port and Axon client
     * id (the hub routes to it as a separate instance).
     */
    ShopProcess another(String instanceName, int instancePort) {
        List<String> args = new ArrayList<>();
        for (String arg : launch) {
            if (arg.startsWith("--server.port=")) {
                args.add("--server.port=" + instancePort);
            } else if (!arg.startsWith("--axon.axonserver.client-id=")) {
                args.add(arg);
            }
        }
        args.add("--axon.axonserver.client-id=" + instanceName);
        return new ShopProcess(instanceName, required, args, instancePort, healthPath, env, logDirectory);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Override
    public String toString() {
        return name + " on " + port;
    }
}
