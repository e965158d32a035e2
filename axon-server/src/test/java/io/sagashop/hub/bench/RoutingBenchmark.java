package io.sagashop.hub.bench;

import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.ResultStream;
import io.axoniq.axonserver.connector.command.CommandChannel;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.connector.query.QueryChannel;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.ProcessingInstruction;
import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.sagashop.hub.command.CommandRouter;
import io.sagashop.hub.query.QueryRouter;
import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Round trips per second and latency percentiles of command and direct-query routing through
 * the hub, against Axon Framework's in-process buses as a baseline. Not a test: run it, read it.
 * <pre>
 * mvn -pl axon-server -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.sagashop.hub.bench.RoutingBenchmark [-Dbench.seconds=10] [-Dbench.warmup=3] \
 *     [-Dbench.jitWarmup=10] [-Dbench.senders=1,16,64] [-Dbench.kinds=command,query] [-Dbench.inProcess=true] \
 *     [-Dbench.axonFramework=true]
 * </pre>
 * Hub and senders run in this JVM (the hub on in-memory H2: routing touches no database), the
 * no-op handlers in a child JVM on the same class path, as a service would. Senders use the raw
 * connector API with 100-byte payloads, each sender a closed loop (next request when the last
 * one is answered). With {@code bench.axonFramework} the command case also runs through Axon
 * Framework's CommandGateway on both ends.
 */
public final class RoutingBenchmark {

    /** Axon Server SE 2023.2 on this kind of machine, raw connector, 100-byte payloads (the figures). */
    private static final Map<String, Map<Integer, Integer>> AXON_SERVER = Map.of(
            "command", Map.of(1, 1_280, 16, 6_000, 64, 10_700),
            "query", Map.of(1, 1_080, 16, 4_890, 64, 6_940),
            "command via Axon Framework", Map.of(16, 5_300));

    private static final SerializedObject PAYLOAD = SerializedObject.newBuilder()
            .setType("bench.Payload").setData(RoutingBenchmarkHandler.PAYLOAD).build();
    private static final String AF_DATA = "x".repeat(100);

    private final long warmupMillis = Long.getLong("bench.warmup", 3) * 1000;
    private final long measureMillis = Long.getLong("bench.seconds", 10) * 1000;
    /** Once per JVM before anything is measured, so the JIT has compiled the paths (the first case would pay otherwise). */
    private final long jitWarmupMillis = Long.getLong("bench.jitWarmup", 10) * 1000;
    private final int[] senders = Arrays.stream(System.getProperty("bench.senders", "1,16,64").split(","))
            .map(String::trim).mapToInt(Integer::parseInt).toArray();
    private final boolean axonFramework = Boolean.parseBoolean(System.getProperty("bench.axonFramework", "true"));
    private final boolean inProcess = Boolean.parseBoolean(System.getProperty("bench.inProcess", "true"));
    private final List<String> kinds = List.of(System.getProperty("bench.kinds", "command,query").split(","));
    private final List<Row> rows = new ArrayList<>();
    private volatile ProcessHandle handlerProcess;

    /**
     * @param cpuHere    CPU time of this JVM (hub and senders) per round trip, in microseconds
     * @param cpuHandler CPU time of the handler JVM per round trip, in microseconds (0 in-process)
     */
    record Row(String where, String kind, int senders, double perSecond, Histogram latency, long errors,
               double cpuHere, double cpuHandler) { }

    /** Starts {@code senders} closed loops that run while {@code running}; returns when they stopped. */
    interface Load {
        void run(int senders, Recorder latencies, LongAdder errors, BooleanSupplier running) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        RoutingBenchmarkHandler.quietLogging();
        new RoutingBenchmark().runAll();
    }

    private void runAll() throws Exception {
        System.out.printf(Locale.ROOT, "Routing benchmark: %d s per case after %d s warm-up, senders %s, %d cores%n",
                measureMillis / 1000, warmupMillis / 1000, Arrays.toString(senders),
                Runtime.getRuntime().availableProcessors());

        // In-process baseline: Axon Framework's local buses, handler and senders in this JVM.
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        commandBus.subscribe(RoutingBenchmarkHandler.COMMAND, message -> null);
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        queryBus.subscribe(RoutingBenchmarkHandler.QUERY, byte[].class, message -> new byte[100]);
        byte[] payload = new byte[100];
        if (inProcess) {
            warmUp(threads((errors) -> commandBus.dispatch(
                    new GenericCommandMessage<>(new GenericMessage<>(payload), RoutingBenchmarkHandler.COMMAND),
                    (command, result) -> countError(result, errors))));
        }
        for (int n : inProcess && kinds.contains("command") ? senders : new int[0]) {
            measure("in-process", "command", n, threads((errors) -> commandBus.dispatch(
                    new GenericCommandMessage<>(new GenericMessage<>(payload), RoutingBenchmarkHandler.COMMAND),
                    (command, result) -> countError(result, errors))));
        }
        for (int n : inProcess && kinds.contains("query") ? senders : new int[0]) {
            measure("in-process", "query", n, threads((errors) -> queryBus.query(new GenericQueryMessage<>(
                    new GenericMessage<>(payload), RoutingBenchmarkHandler.QUERY, ResponseTypes.instanceOf(byte[].class))).get()));
        }

        try (TestHub hub = TestHub.startOnH2(Map.of("logging.level.root", "WARN"))) {
            Process handler = startHandler(hub.grpcPort());
            try {
                AxonServerConnection connection = AxonServerConnectionFactory.forClient("bench-sender", "bench-sender-1")
                        .routingServers(new ServerAddress("localhost", hub.grpcPort()))
                .token(io.sagashop.hub.testing.TestHub.ADMIN_TOKEN)
                        .build().connect("default");
                awaitHandlers(hub);
                CommandChannel commands = connection.commandChannel();
                QueryChannel queries = connection.queryChannel();
                warmUp((count, latencies, errors, running) ->
                        loops(count, running, done -> new CommandLoop(commands, latencies, errors, running, done)));
                warmUp((count, latencies, errors, running) ->
                        loops(count, running, done -> new QueryLoop(queries, latencies, errors, running, done)));
                for (int n : kinds.contains("command") ? senders : new int[0]) {
                    measure("hub", "command", n, (count, latencies, errors, running) ->
                            loops(count, running, done -> new CommandLoop(commands, latencies, errors, running, done)));
                }
                for (int n : kinds.contains("query") ? senders : new int[0]) {
                    measure("hub", "query", n, (count, latencies, errors, running) ->
                            loops(count, running, done -> new QueryLoop(queries, latencies, errors, running, done)));
                }
                connection.disconnect();
                if (axonFramework) {
                    ConfigurableApplicationContext sender = TestClient.start(hub, "bench-af-sender", "bench-af-sender-1",
                            Map.of("logging.level.root", "WARN"), AfSenderApp.class);
                    try {
                        CommandGateway gateway = sender.getBean(CommandGateway.class);
                        warmUp((count, latencies, errors, running) ->
                                loops(count, running, done -> new GatewayLoop(gateway, latencies, errors, running, done)));
                        measure("hub", "command via Axon Framework", 16, (count, latencies, errors, running) ->
                                loops(count, running, done -> new GatewayLoop(gateway, latencies, errors, running, done)));
                    } finally {
                        sender.close();
                    }
                }
            } finally {
                handler.getOutputStream().close();
                if (!handler.waitFor(10, TimeUnit.SECONDS)) {
                    handler.destroyForcibly();
                }
            }
        }
        printTables();
    }

    // ---- measuring -------------------------------------------------------------------------

    private void warmUp(Load load) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        CompletableFuture<Void> finished = CompletableFuture.runAsync(() -> {
            try {
                load.run(16, new Recorder(3), new LongAdder(), running::get);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(jitWarmupMillis);
        running.set(false);
        finished.get(60, TimeUnit.SECONDS);
    }

    private void measure(String where, String kind, int count, Load load) throws Exception {
        Recorder latencies = new Recorder(3);
        LongAdder errors = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService driver = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> finished = CompletableFuture.runAsync(() -> {
            try {
                load.run(count, latencies, errors, running::get);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, driver);
        Thread.sleep(warmupMillis);
        latencies.getIntervalHistogram();
        errors.reset();
        long cpuHereBefore = cpuHere();
        long cpuHandlerBefore = cpuHandler();
        long start = System.nanoTime();
        Thread.sleep(measureMillis);
        Histogram histogram = latencies.getIntervalHistogram();
        long elapsed = System.nanoTime() - start;
        long cpuHere = cpuHere() - cpuHereBefore;
        long cpuHandler = where.equals("hub") ? cpuHandler() - cpuHandlerBefore : 0;
        long failed = errors.sum();
        running.set(false);
        finished.get(60, TimeUnit.SECONDS);
        driver.shutdown();
        double perSecond = histogram.getTotalCount() / (elapsed / 1e9);
        long trips = Math.max(1, histogram.getTotalCount());
        Row row = new Row(where, kind, count, perSecond, histogram, failed, cpuHere / 1e3 / trips, cpuHandler / 1e3 / trips);
        rows.add(row);
        System.out.printf(Locale.ROOT, "  %-10s %-28s %3d senders: %,12.0f /s  p50 %s  p99 %s  cpu/trip %.1f+%.1f µs%n",
                where, kind, count, perSecond, micros(histogram.getValueAtPercentile(50)),
                micros(histogram.getValueAtPercentile(99)), row.cpuHere(), row.cpuHandler());
    }

    /** One thread per sender, for the synchronous in-process buses. */
    private interface Call {
        void call(LongAdder errors) throws Exception;
    }

    private static Load threads(Call call) {
        return (count, latencies, errors, running) -> {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Thread thread = new Thread(() -> {
                    while (running.getAsBoolean()) {
                        long start = System.nanoTime();
                        try {
                            call.call(errors);
                        } catch (Exception e) {
                            errors.increment();
                        }
                        latencies.recordValue(System.nanoTime() - start);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
        };
    }

    private static void countError(CommandResultMessage<?> result, LongAdder errors) {
        if (result.isExceptional()) {
            errors.increment();
        }
    }

    /** Asynchronous closed loops: each answer sends the next request; returns when all stopped. */
    private interface LoopFactory {
        AsyncLoop create(CountDownLatch done);
    }

    private static void loops(int count, BooleanSupplier running, LoopFactory factory) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            factory.create(done).next();
        }
        done.await(60, TimeUnit.SECONDS);
    }

    private abstract static class AsyncLoop {
        private static final AtomicLong IDS = new AtomicLong();
        private static final ExecutorService TRAMPOLINE = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-trampoline");
            t.setDaemon(true);
            return t;
        });
        final Recorder latencies;
        final LongAdder errors;
        private final BooleanSupplier running;
        private final CountDownLatch done;
        private long started;
        private volatile boolean sending;

        AsyncLoop(Recorder latencies, LongAdder errors, BooleanSupplier running, CountDownLatch done) {
            this.latencies = latencies;
            this.errors = errors;
            this.running = running;
            this.done = done;
        }

        static String nextId() {
            return "b-" + IDS.incrementAndGet();
        }

        final void next() {
            if (!running.getAsBoolean()) {
                done.countDown();
                return;
            }
            started = System.nanoTime();
            sending = true;
            try {
                send();
            } finally {
                sending = false;
            }
        }

        /** Sends one request and arranges for {@link #answered} to be called once. */
        abstract void send();

        final void answered(boolean ok) {
            latencies.recordValue(System.nanoTime() - started);
            if (!ok) {
                errors.increment();
            }
            if (sending) {
                TRAMPOLINE.execute(this::next); // answered synchronously: do not recurse
            } else {
                next();
            }
        }
    }

    private static final class CommandLoop extends AsyncLoop {
        private final CommandChannel channel;

        CommandLoop(CommandChannel channel, Recorder latencies, LongAdder errors, BooleanSupplier running, CountDownLatch done) {
            super(latencies, errors, running, done);
            this.channel = channel;
        }

        @Override
        void send() {
            String id = nextId();
            channel.sendCommand(Command.newBuilder()
                            .setMessageIdentifier(id)
                            .setName(RoutingBenchmarkHandler.COMMAND)
                            .setPayload(PAYLOAD)
                            .addProcessingInstructions(ProcessingInstruction.newBuilder().setKey(ProcessingKey.ROUTING_KEY)
                                    .setValue(MetaDataValue.newBuilder().setTextValue(id)))
                            .build())
                    .whenComplete((CommandResponse response, Throwable error) ->
                            answered(error == null && response.getErrorCode().isEmpty()));
        }
    }

    private static final class QueryLoop extends AsyncLoop {
        private static final ProcessingInstruction ONE_RESULT = ProcessingInstruction.newBuilder()
                .setKey(ProcessingKey.NR_OF_RESULTS).setValue(MetaDataValue.newBuilder().setNumberValue(1)).build();
        private static final ProcessingInstruction TIMEOUT = ProcessingInstruction.newBuilder()
                .setKey(ProcessingKey.TIMEOUT).setValue(MetaDataValue.newBuilder().setNumberValue(60_000)).build();
        private final QueryChannel channel;

        QueryLoop(QueryChannel channel, Recorder latencies, LongAdder errors, BooleanSupplier running, CountDownLatch done) {
            super(latencies, errors, running, done);
            this.channel = channel;
        }

        @Override
        void send() {
            ResultStream<QueryResponse> results = channel.query(QueryRequest.newBuilder()
                    .setMessageIdentifier(nextId())
                    .setQuery(RoutingBenchmarkHandler.QUERY)
                    .setPayload(PAYLOAD)
                    .addProcessingInstructions(ONE_RESULT)
                    .addProcessingInstructions(TIMEOUT)
                    .build());
            AtomicBoolean taken = new AtomicBoolean();
            results.onAvailable(() -> {
                QueryResponse response = results.nextIfAvailable();
                if ((response != null || results.isClosed()) && taken.compareAndSet(false, true)) {
                    answered(response != null && response.getErrorCode().isEmpty());
                }
            });
        }
    }

    private static final class GatewayLoop extends AsyncLoop {
        private final CommandGateway gateway;

        GatewayLoop(CommandGateway gateway, Recorder latencies, LongAdder errors, BooleanSupplier running, CountDownLatch done) {
            super(latencies, errors, running, done);
            this.gateway = gateway;
        }

        @Override
        void send() {
            gateway.send(new RoutingBenchmarkHandler.AfBenchCommand(AF_DATA))
                    .whenComplete((result, error) -> answered(error == null));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class AfSenderApp {
    }

    private static long cpuHere() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private long cpuHandler() {
        ProcessHandle handle = handlerProcess;
        return handle == null ? 0 : handle.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    // ---- the handler process ----------------------------------------------------------------

    private Process startHandler(int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseParallelGC", "-Xmx1g",
                "-Daxoniq.update-checker.disabled=true", "-cp", testClassPath(),
                RoutingBenchmarkHandler.class.getName(), "localhost", Integer.toString(port)));
        if (axonFramework) {
            command.add("--axon-framework");
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        handlerProcess = process.toHandle();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("READY")) {
                        return;
                    }
                }
                throw new IllegalStateException("The handler process ended before it was ready");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ready.get(180, TimeUnit.SECONDS);
        return process;
    }

    private void awaitHandlers(TestHub hub) throws InterruptedException {
        CommandRouter commands = hub.bean(CommandRouter.class);
        QueryRouter queries = hub.bean(QueryRouter.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            boolean command = commands.commands("default").stream()
                    .anyMatch(c -> c.name().equals(RoutingBenchmarkHandler.COMMAND) && !c.handlers().isEmpty());
            boolean query = queries.queries("default").stream()
                    .anyMatch(q -> q.name().equals(RoutingBenchmarkHandler.QUERY) && !q.handlers().isEmpty());
            boolean af = !axonFramework || commands.commands("default").stream()
                    .anyMatch(c -> c.name().equals(RoutingBenchmarkHandler.AfBenchCommand.class.getName())
                            && !c.handlers().isEmpty());
            if (command && query && af) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The handler never subscribed at the hub");
    }

    /** The class path this class was loaded from (exec:java loads it through its own class loader). */
    private static String testClassPath() throws URISyntaxException {
        String explicit = System.getProperty("bench.classpath");
        if (explicit != null) {
            return explicit;
        }
        List<String> entries = new ArrayList<>();
        for (ClassLoader loader = RoutingBenchmark.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if (url.getProtocol().equals("file")) {
                        entries.add(new File(url.toURI()).getPath());
                    }
                }
            }
        }
        if (!entries.isEmpty() && entries.stream().anyMatch(e -> e.contains("test-classes"))) {
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    // ---- reporting --------------------------------------------------------------------------

    private void printTables() {
        System.out.println();
        System.out.println("Round trips: latency in ms (µs where marked); CPU per round trip of the hub+sender JVM + the handler JVM");
        System.out.printf(Locale.ROOT, "%-11s %-28s %7s %14s %9s %9s %9s %9s %9s %7s %18s%n",
                "where", "kind", "senders", "round-trips/s", "p50", "p90", "p99", "p99.9", "max", "errors",
                "cpu µs/trip");
        for (Row row : rows) {
            Histogram h = row.latency();
            System.out.printf(Locale.ROOT, "%-11s %-28s %7d %,14.0f %9s %9s %9s %9s %9s %7d %18s%n",
                    row.where(), row.kind(), row.senders(), row.perSecond(),
                    micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(90)),
                    micros(h.getValueAtPercentile(99)), micros(h.getValueAtPercentile(99.9)),
                    micros(h.getMaxValue()), row.errors(), row.where().equals("hub")
                            ? String.format(Locale.ROOT, "%.0f + %.0f", row.cpuHere(), row.cpuHandler())
                            : String.format(Locale.ROOT, "%.1f", row.cpuHere()));
        }
        System.out.println();
        System.out.println("Hub against the in-process buses and against Axon Server SE 2023.2 on this kind of machine");
        System.out.printf(Locale.ROOT, "%-28s %7s %12s %14s %14s %12s %12s%n",
                "kind", "senders", "hub /s", "in-process /s", "hub/in-proc", "AxonIQ /s", "hub/AxonIQ");
        Map<String, Row> local = new LinkedHashMap<>();
        rows.stream().filter(r -> r.where().equals("in-process")).forEach(r -> local.put(r.kind() + r.senders(), r));
        for (Row row : rows) {
            if (!row.where().equals("hub")) {
                continue;
            }
            String baseKind = row.kind().startsWith("command") ? "command" : "query";
            Row baseline = local.get(baseKind + row.senders());
            Integer target = AXON_SERVER.getOrDefault(row.kind(), Map.of()).get(row.senders());
            System.out.printf(Locale.ROOT, "%-28s %7d %,12.0f %,14.0f %14s %,12d %12s%n",
                    row.kind(), row.senders(), row.perSecond(),
                    baseline == null ? 0 : baseline.perSecond(),
                    baseline == null ? "-" : String.format(Locale.ROOT, "%.4f", row.perSecond() / baseline.perSecond()),
                    target == null ? 0 : target,
                    target == null ? "-" : String.format(Locale.ROOT, "%.2f", row.perSecond() / target));
        }
    }

    private static String micros(long nanos) {
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fµs", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
