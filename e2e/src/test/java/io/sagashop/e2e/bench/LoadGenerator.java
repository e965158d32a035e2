package io.sagashop.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sagashop.e2e.support.InProcessBaseline;
import io.sagashop.e2e.support.Shop;
import io.sagashop.e2e.support.ShopClient;
import io.sagashop.e2e.support.ShopClient.Customer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load: orders arrive at a constant rate whatever the shop's answers (so a slow shop
 * cannot slow the arrivals down and hide its latency), stepped up until the shop falls behind.
 * The mix is 80 % orders that should be confirmed, 10 % declined cards, 10 % out of stock. The
 * two test cards are tokenized at the sandbox provider before the steps (saved cards), so
 * tokenizing is not part of an order's measured latency.
 * Latency runs from the moment an order was due to be posted until its status stream shows a
 * final state, both on this program's clock, for one order in seven; every order is counted.
 *
 * <p>Arguments ({@code key=value}): {@code rates=5,10,15,...} (orders/s per step, up to 300;
 * the run stops at the first step the shop falls behind), {@code seconds=30} (per step),
 * {@code drain=20} (seconds to wait for the last orders of a step), {@code warmup=60} (seconds
 * of load at half the first rate, not reported), {@code settle=120} (after the last step, seconds
 * to wait for every order of the run to reach a final state),
 * {@code seed=0} (after the steps, place this many more orders as fast as the shop finishes them,
 * then run the same steps again on the same products and customers and print how each process's
 * CPU per order and the rate held moved: issue 15's "flat with history"; docs/performance.md),
 * {@code target=start} (start the real processes here, on the e2e ports, then the in-process
 * baseline, and print the ratio), {@code target=baseline} (the in-process baseline only) or
 * {@code target=local} (a shop already started with {@code ./shop up}, no baseline).
 *
 * <p>After the steps, whatever the load did to latencies, what matters most: every order of the
 * run (warm-up included) must reach a final state, and then the consistency audit must find
 * nothing. Both are printed — the orders still not final after {@code settle}, the audit's
 * violations by invariant and the first of them — and the exit status is 1 when either is not so
 * (an overload run: {@code SHOP_BENCH_HOG=N ./shop bench ...}).
 */
public final class LoadGenerator {

    private static final String APPROVED = "4242424242424242";
    private static final String DECLINED = "4000000000000002";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShopClient client;
    private final String orderUrl;
    private final ProcessCpu cpu;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Signed in again every {@link ShopClient#TOKEN_RENEWAL}, so a run may outlast a token. */
    private final List<Customer> customers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "token-renewal");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> products = new ArrayList<>();
    private String soldOut;
    private ShopClient.CardToken approved;
    private ShopClient.CardToken declined;
    /** Orders placed before the steps are run a second time (0: no second run). */
    private final long seed;

    LoadGenerator(ShopClient client, String orderUrl, ProcessCpu cpu, long seed) {
        this.client = client;
        this.orderUrl = orderUrl;
        this.cpu = cpu;
        this.seed = seed;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("rates", "5,10,15,20,25,30,40,50,75,100,150,200,300", "seconds",
                "30", "drain", "20", "target", "start", "warmup", "60", "settle", "120", "seed", "0"));
        for (String arg : args) {
            for (String pair : arg.split("\\s+")) {
                if (pair.contains("=")) {
                    settings.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
        }
        int[] rates = Arrays.stream(settings.get("rates").split(",")).mapToInt(Integer::parseInt).toArray();
        Duration step = Duration.ofSeconds(Long.parseLong(settings.get("seconds")));
        Duration drain = Duration.ofSeconds(Long.parseLong(settings.get("drain")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(settings.get("warmup")));
        Duration settle = Duration.ofSeconds(Long.parseLong(settings.get("settle")));
        long seed = Long.parseLong(settings.get("seed"));
        boolean consistent = true;
        Path root = Path.of(System.getProperty("sagashop.root", ".")).toAbsolutePath().normalize();
        printMachine(step);
        if (settings.get("target").equals("local")) {
            LoadGenerator local = new LoadGenerator(ShopClient.forLocalShop(root), "http://localhost:8083",
                    new ProcessCpu(pidsUnder(root.resolve("run"))), seed);
            local.run("shop started by ./shop up", rates, step, drain, warmup);
            System.exit(local.settleAndAudit(settle) ? 0 : 1);
        }
        boolean baselineOnly = settings.get("target").equals("baseline");
        int throughHub = 0;
        if (!baselineOnly) {
            Shop shop = Shop.get();
            LoadGenerator separate = new LoadGenerator(shop.client(), shop.url("order-saga"), new ProcessCpu(shop.servicePids()), seed);
            throughHub = separate.run("services as separate processes, through the hub", rates, step, drain, warmup);
            consistent = separate.settleAndAudit(settle);
            Shop.stopShop();
        }
        int inProcess;
        try (InProcessBaseline baseline = InProcessBaseline.start(root, System.getProperty("sagashop.version",
                "0.1.0-SNAPSHOT"), Shop.ORDER_DEADLINE)) {
            LoadGenerator oneProcess = new LoadGenerator(baseline.client(), baseline.url("order-saga"),
                    new ProcessCpu(baseline.servicePids()), seed);
            inProcess = oneProcess.run("baseline: the same services in one process, Axon's local buses, one JDBC event store",
                    rates, step, drain, warmup);
            consistent &= oneProcess.settleAndAudit(settle);
        }
        if (!baselineOnly) {
            System.out.printf("%nhighest rate held with p99 <= 250 ms: %d orders/s through the hub, %d in one process (ratio %.2f)%n",
                    throughHub, inProcess, inProcess == 0 ? 0.0 : throughHub / (double) inProcess);
        }
        System.exit(consistent ? 0 : 1);
    }

    private static void printMachine(Duration step) {
        System.out.printf("machine: %d cores, %s; java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"));
        System.out.printf("open loop, %d s per step, mix 80%% confirmed / 10%% declined / 10%% out of stock%n",
                step.toSeconds());
    }

    /** The shop's processes started by {@code ./shop up}, by name, the outside providers left out. */
    private static Map<String, Long> pidsUnder(Path run) throws Exception {
        Map<String, Long> pids = new HashMap<>();
        try (var files = Files.list(run)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String name = file.getFileName().toString().replace(".pid", "");
                if (!Shop.OUTSIDE_PROVIDERS.contains(name)) {
                    pids.put(name, Long.parseLong(Files.readString(file).trim()));
                }
            }
        }
        return pids;
    }

    /** Runs the steps and returns the highest rate held with p99 within 250 ms. */
    int run(String title, int[] rates, Duration stepLength, Duration drain, Duration warmup) throws Exception {
        prepare();
        if (!warmup.isZero()) {
            // Freshly started JVMs compile and fill caches for a while: not what is measured.
            step(Math.max(1, rates[0] / 2), warmup, drain);
        }
        System.out.printf("%n%s%n", title);
        List<StepResult> fresh = steps(rates, stepLength, drain);
        int best = heldRate(fresh);
        if (seed > 0) {
            new Seeding(seed).run();
            System.out.printf("%n%s, after %d earlier orders on the same products and customers%n", title, seed);
            List<StepResult> later = steps(rates, stepLength, drain);
            compare(fresh, later);
            best = Math.min(best, heldRate(later));
        }
        return best;
    }

    /** Runs the steps, printing a row each, up to the first the shop fell behind at. */
    private List<StepResult> steps(int[] rates, Duration stepLength, Duration drain) throws Exception {
        System.out.println(StepResult.header());
        List<StepResult> results = new ArrayList<>();
        for (int rate : rates) {
            StepResult result = step(rate, stepLength, drain);
            System.out.println(result.row());
            results.add(result);
            if (!result.keptUp()) {
                System.out.println("the shop fell behind at " + rate + " orders/s; stopping");
                break;
            }
        }
        int best = heldRate(results);
        System.out.println("highest rate held with p99 <= 250 ms: " + best + " orders/s");
        results.stream().filter(StepResult::keptUp).reduce((first, second) -> second).ifPresent(highest ->
                System.out.printf("CPU ms per order at %d orders/s: %s%n", highest.offeredPerSecond(), highest.breakdown()));
        return results;
    }

    private static int heldRate(List<StepResult> results) {
        return results.stream().filter(result -> result.keptUp() && result.p99Millis() <= 250)
                .mapToInt(StepResult::offeredPerSecond).max().orElse(0);
    }

    /** Step by step, each process's CPU per order after the seeding against before it. */
    private void compare(List<StepResult> fresh, List<StepResult> later) {
        System.out.printf("%nwith history: CPU ms per order, fresh -> after %d earlier orders (change)%n", seed);
        for (int i = 0; i < Math.min(fresh.size(), later.size()); i++) {
            StepResult before = fresh.get(i);
            StepResult after = later.get(i);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d orders/s: all %s",
                    before.offeredPerSecond(), change(before.cpuMillisTotal(), after.cpuMillisTotal())));
            before.cpuMillisByProcess().forEach((process, millis) -> line.append(String.format(Locale.ROOT, ", %s %s",
                    process, change(millis, after.cpuMillisByProcess().getOrDefault(process, 0.0)))));
            line.append(String.format(Locale.ROOT, "; p99 %.0f -> %.0f ms", before.p99Millis(), after.p99Millis()));
            System.out.println(line);
        }
    }

    private static String change(double before, double after) {
        return String.format(Locale.ROOT, "%.1f -> %.1f (%+.0f %%)", before, after,
                before == 0 ? 0.0 : 100 * (after - before) / before);
    }

    /**
     * Places orders of the usual mix as fast as the shop finishes them: at most {@link #WINDOW}
     * not yet final at a time, so the shop works flat out without a queue that grows without
     * bound. Finished orders are found by reading the oldest unfinished one, which costs the shop
     * about one read per order. Every seeded order is also checked and audited with the run's.
     */
    private final class Seeding {
        private static final int WINDOW = 300;
        private static final Duration GIVE_UP = Duration.ofMinutes(5);
        private final long count;
        private final Semaphore open = new Semaphore(WINDOW);
        private final ConcurrentLinkedQueue<Placed> unfinished = new ConcurrentLinkedQueue<>();
        private final AtomicLong failedPosts = new AtomicLong();
        private final AtomicLong finished = new AtomicLong();
        private final AtomicLong givenUp = new AtomicLong();

        Seeding(long count) {
            this.count = count;
        }

        void run() throws InterruptedException {
            System.out.printf("%nseeding: %d orders, at most %d unfinished at a time%n", count, WINDOW);
            long start = System.nanoTime();
            Thread reaper = new Thread(this::reap, "seeding-reaper");
            reaper.setDaemon(true);
            reaper.start();
            long nextReport = start + TimeUnit.SECONDS.toNanos(60);
            long finishedAtReport = 0;
            for (long i = 0; i < count; i++) {
                open.acquire();
                send(i, unfinished, failedPosts, order -> { }, open::release);
                if (System.nanoTime() >= nextReport) {
                    long done = finished.get();
                    System.out.printf("seeding: %d placed, %d final, %.1f orders/s over the last minute, %d failed posts%n",
                            i + 1, done, (done - finishedAtReport) / 60.0, failedPosts.get());
                    finishedAtReport = done;
                    nextReport += TimeUnit.SECONDS.toNanos(60);
                }
            }
            open.acquire(WINDOW);
            reaper.interrupt();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("seeding: %d orders final in %.0f s (%.1f orders/s), %d failed posts, %d given up on"
                    + " (the check after the run names them)%n", finished.get(), seconds, finished.get() / seconds,
                    failedPosts.get(), givenUp.get());
        }

        /**
         * Frees a slot for each order seen final, oldest first (orders mostly finish in the order
         * placed). One not final after {@link #GIVE_UP} frees its slot anyway, so a lost order
         * cannot stop the seeding; it stays among the run's orders, which are checked after it.
         */
        private void reap() {
            try {
                Placed waitingFor = null;
                long waitingSince = 0;
                while (true) {
                    Placed oldest = unfinished.peek();
                    if (oldest != waitingFor) {
                        waitingFor = oldest;
                        waitingSince = System.nanoTime();
                    }
                    boolean done = oldest != null && finalNowOrUnknown(oldest);
                    if (done || oldest != null && System.nanoTime() - waitingSince > GIVE_UP.toNanos()) {
                        unfinished.poll();
                        (done ? finished : givenUp).incrementAndGet();
                        open.release();
                    } else {
                        Thread.sleep(50);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Whether the order is final; a read that fails (a refused token, a timeout) counts as not
         * final, so the reaper asks again rather than dying and leaving the seeding stalled.
         */
        private boolean finalNowOrUnknown(Placed order) {
            try {
                return finalNow(order);
            } catch (RuntimeException e) {
                System.out.printf("seeding: reading order %s failed (%s); asking again%n", order.orderId(), e);
                return false;
            }
        }
    }

    private void prepare() {
        for (int i = 0; i < 10; i++) {
            products.add(client.addProduct("Bench product " + i, "bench", "10.00", 1_000_000));
        }
        soldOut = client.addProduct("Bench sold-out product", "bench", "10.00", 0);
        approved = client.tokenize(APPROVED);
        declined = client.tokenize(DECLINED);
        for (int i = 0; i < 20; i++) {
            customers.add(client.newCustomer("Bench customer " + i));
        }
        long every = ShopClient.TOKEN_RENEWAL.toSeconds();
        // A task that throws is never run again by the executor: each failure is caught and
        // printed, and that customer is tried again at the next renewal, still within the hour.
        renewal.scheduleAtFixedRate(() -> {
            for (int i = 0; i < customers.size(); i++) {
                try {
                    customers.set(i, client.signInAgain(customers.get(i)));
                } catch (RuntimeException e) {
                    System.out.printf("renewal: signing customer %d in again failed (%s)%n", i, e);
                }
            }
        }, every, every, TimeUnit.SECONDS);
    }

    /** An order placed, and who placed it (by their place in {@link #customers}, whose tokens are renewed). */
    private record Placed(String orderId, int customer) {
    }

    /** Every order the run placed, warm-up included, for the check after the drain. */
    private final ConcurrentLinkedQueue<Placed> runOrders = new ConcurrentLinkedQueue<>();
    private static final int VIOLATIONS_SHOWN = 20;

    /**
     * Waits up to {@code settle} for every order of the run to be final, then runs the consistency
     * audit; prints both. Returns whether every order is final and the audit found nothing.
     */
    boolean settleAndAudit(Duration settle) throws InterruptedException {
        List<Placed> open = new ArrayList<>(runOrders);
        int placed = open.size();
        long start = System.nanoTime();
        long giveUp = start + settle.toNanos();
        while (true) {
            open = open.parallelStream().filter(order -> !finalNow(order)).toList();
            if (open.isEmpty() || System.nanoTime() >= giveUp) {
                break;
            }
            Thread.sleep(2000);
        }
        System.out.printf("%nafter the drain: %d orders placed in this run, %d not final after %d s more%n", placed,
                open.size(), Duration.ofNanos(System.nanoTime() - start).toSeconds());
        open.stream().limit(VIOLATIONS_SHOWN).forEach(order -> System.out.println("  not final: order " + order.orderId()));
        JsonNode audit;
        try {
            audit = client.audit();
        } catch (RuntimeException e) {
            System.out.println("consistency audit: could not run it: " + e.getMessage());
            return false;
        }
        JsonNode violations = audit.path("violations");
        StringBuilder byInvariant = new StringBuilder();
        audit.path("violationsByInvariant").fields().forEachRemaining(entry -> {
            if (entry.getValue().asInt() > 0) {
                byInvariant.append(' ').append(entry.getKey()).append('=').append(entry.getValue().asInt());
            }
        });
        System.out.printf("consistency audit: %d orders, %d payments, %d products checked; %d violations%s%n",
                audit.path("orders").asInt(), audit.path("payments").asInt(), audit.path("products").asInt(),
                violations.size(), byInvariant.length() == 0 ? "" : " (" + byInvariant.toString().strip() + ")");
        for (int i = 0; i < Math.min(VIOLATIONS_SHOWN, violations.size()); i++) {
            JsonNode violation = violations.get(i);
            System.out.printf("  %s: %s%n", violation.path("invariant").asText(), violation.path("description").asText());
        }
        return open.isEmpty() && violations.isEmpty();
    }

    /** One order in seven (every kind of the mix in turn) is followed on its status stream for the latency; all are counted. */
    private static final int SAMPLE_EVERY = 7;

    private StepResult step(int rate, Duration length, Duration drain) throws Exception {
        ConcurrentLinkedQueue<Placed> placed = new ConcurrentLinkedQueue<>();
        AtomicLong failedPosts = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        AtomicLong watched = new AtomicLong();
        AtomicLong seenFinal = new AtomicLong();
        Recorder latencies = new Recorder(3);
        long total = rate * length.toSeconds();
        long periodNanos = 1_000_000_000L / rate;
        Map<String, Double> cpuBefore = cpu.byProcess();
        long stepStart = System.nanoTime();
        long giveUp = stepStart + length.toNanos() + drain.toNanos();
        ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2);
        FinalStatusWatch watch = new FinalStatusWatch(http, ticker, orderUrl);
        ticker.scheduleAtFixedRate(() -> {
            long n = sequence.getAndIncrement();
            if (n >= total) {
                return;
            }
            // Open loop: latency counts from when the order was due, not from when it got sent.
            long due = stepStart + n * periodNanos;
            send(n, placed, failedPosts, order -> {
                if (n % SAMPLE_EVERY == 0) {
                    watched.incrementAndGet();
                    watch.watch(order.orderId(), customers.get(order.customer()).token(), giveUp, seenAt -> {
                        latencies.recordValue(Math.max(0, (seenAt - due) / 1_000_000));
                        seenFinal.incrementAndGet();
                    });
                }
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(length.toMillis());
        while (sequence.get() < total && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        while (seenFinal.get() < watched.get() && System.nanoTime() < giveUp) {
            Thread.sleep(50);
        }
        // The watched orders are one in seven: the last unwatched ones may still be on their way
        // when those are final. Count as unfinished only what is not final when the drain ends.
        List<Placed> open = placed.parallelStream().filter(order -> !finalNow(order)).toList();
        while (!open.isEmpty() && System.nanoTime() < giveUp) {
            Thread.sleep(200);
            open = open.parallelStream().filter(order -> !finalNow(order)).toList();
        }
        long unfinished = open.size();
        ticker.shutdownNow();
        Map<String, Double> cpuUsed = new LinkedHashMap<>(cpu.byProcess());
        cpuUsed.replaceAll((name, seconds) -> seconds - cpuBefore.getOrDefault(name, seconds));
        long completed = placed.size() - unfinished;
        Map<String, Double> millisPerOrder = new LinkedHashMap<>(cpuUsed);
        millisPerOrder.replaceAll((name, seconds) -> completed == 0 ? 0 : 1000 * seconds / completed);
        Histogram latency = latencies.getIntervalHistogram();
        return new StepResult(rate, placed.size(), completed / (double) length.toSeconds(),
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(95), latency.getValueAtPercentile(99),
                latency.getMaxValue(), failedPosts.get() + unfinished,
                completed == 0 ? 0 : ProcessCpu.shopSeconds(cpuUsed) / completed, millisPerOrder);
    }

    private boolean finalNow(Placed order) {
        JsonNode view = client.order(customers.get(order.customer()).token(), order.orderId());
        return view != null && ShopClient.FINAL.contains(view.get("status").asText());
    }

    private void send(long n, ConcurrentLinkedQueue<Placed> placed, AtomicLong failed, Consumer<Placed> accepted) {
        send(n, placed, failed, accepted, () -> { });
    }

    /** Posts order {@code n} of the mix; {@code onFailure} runs when it was not accepted. */
    private void send(long n, ConcurrentLinkedQueue<Placed> placed, AtomicLong failed, Consumer<Placed> accepted,
                      Runnable onFailure) {
        int customerIndex = (int) (n % customers.size());
        Customer customer = customers.get(customerIndex);
        int kind = (int) (n % 10);
        ShopClient.CardToken card = kind == 8 ? declined : approved;
        String product = kind == 9 ? soldOut : products.get((int) ((n / 10) % products.size()));
        try {
            String body = JSON.writeValueAsString(client.orderRequest(Map.of(product, 1), card));
            HttpRequest request = HttpRequest.newBuilder(URI.create(orderUrl + "/orders"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + customer.token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() != 202) {
                    failed.incrementAndGet();
                    onFailure.run();
                    return;
                }
                try {
                    Placed order = new Placed(JSON.readTree(response.body()).get("orderId").asText(), customerIndex);
                    placed.add(order);
                    runOrders.add(order);
                    accepted.accept(order);
                } catch (Exception e) {
                    failed.incrementAndGet();
                    onFailure.run();
                }
            });
        } catch (Exception e) {
            failed.incrementAndGet();
            onFailure.run();
        }
    }
}
