package io.sagashop.e2e.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.sagashop.e2e.support.Shop;
import io.sagashop.e2e.support.ShopClient;
import io.sagashop.e2e.support.ShopClient.Customer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Traces you can open: the shop with Zipkin's server (as {@code ./shop up} runs it), one confirmed
 * order, and its trace — found by the trace id the order's events carry in their {@code traceparent}
 * metadata — holds spans of every service the order crossed, in Zipkin's API and on Zipkin's trace
 * page in Debian's Chromium. Also: every metric the Prometheus alert rules
 * ({@code ops/prometheus/alerts.yml}) name is exposed by some process of the running shop.
 */
class TraceIT {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final String APPROVED = "4242424242424242";
    /** Services a confirmed order crosses: placed, stock reserved and committed, paid, customer told. */
    private static final Set<String> CROSSED = Set.of("order-saga", "catalog", "payment", "notification");
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Shop shop;
    static ShopClient client;
    static String orderId;
    static String traceId;

    @BeforeAll
    static void placeAConfirmedOrder() {
        shop = Shop.traced();
        client = shop.client();
        Customer customer = client.newCustomer("Trace Follower");
        String lamp = client.addProduct("Traced lamp", "living", "49.00", 3);
        orderId = client.placeOrder(customer, Map.of(lamp, 1), APPROVED).text("orderId");
        client.awaitStatus(customer.token(), orderId, "CONFIRMED", Duration.ofSeconds(60));
        traceId = traceIdOfOrder();
    }

    /** The trace id in the {@code traceparent} metadata of the order's first event (OrderPlaced), as the hub stores it. */
    private static String traceIdOfOrder() {
        JsonNode events = client.get("hub", "/v1/dashboard/events?aggregateId=" + orderId, shop.hubAdminToken())
                .body().get("events");
        assertThat(events).as("the order's events in the hub").isNotEmpty();
        for (JsonNode event : events) {
            Matcher matcher = TRACEPARENT.matcher(event.path("metadata").path("traceparent").asText(""));
            if (matcher.matches()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no event of order " + orderId + " carries a traceparent: " + events);
    }

    @Test
    void theOrdersTraceHoldsSpansOfEveryServiceItCrossed() {
        // Spans reach Zipkin in batches (every 5 s per service): a service's first spans of the order
        // can be there while its later ones (the catalog's query before its ReserveStock) are still
        // in its next batch, so wait for the spans asserted, not only for the services.
        AtomicReference<JsonNode> trace = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode spans = zipkin("/api/v2/trace/" + traceId);
            assertThat(spans).as("the order's trace in Zipkin").isNotNull();
            Set<String> names = new TreeSet<>();
            spans.forEach(span -> names.add(span.path("localEndpoint").path("serviceName").asText()
                    + " " + span.path("name").asText()));
            // The HTTP request that placed the order and the commands it caused in other services are one trace.
            assertThat(names).anyMatch(name -> name.startsWith("order-saga http post /orders"));
            assertThat(names).anyMatch(name -> name.startsWith("catalog ") && name.contains("reservestock"));
            assertThat(names).anyMatch(name -> name.startsWith("payment ") && name.contains("requestpayment"));
            assertThat(names).anyMatch(name -> name.startsWith("notification ") && name.contains("orderconfirmed"));
            trace.set(spans);
        });
        Set<String> traceIds = new TreeSet<>();
        trace.get().forEach(span -> traceIds.add(span.path("traceId").asText()));
        assertThat(traceIds).containsExactly(traceId);
    }

    @Test
    void theTraceOpensInZipkinsPageWithEveryServiceNamed() throws IOException {
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1))
                .until(() -> zipkin("/api/v2/trace/" + traceId), spans -> spans != null
                        && serviceNames(spans).containsAll(CROSSED));
        Files.createDirectories(SCREENSHOTS);
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(java.util.List.of("--no-sandbox")));
             // Tall enough that every span row of the trace (about 130 of 30 px) is rendered: the viewer
             // draws only the rows in view.
             Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1366, 4500))) {
            page.navigate(shop.zipkinUrl() + "/zipkin/traces/" + traceId);
            for (String service : CROSSED) {
                PlaywrightAssertions.assertThat(page.locator("body")).containsText(service);
            }
            PlaywrightAssertions.assertThat(page.locator("body")).containsText(traceId);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("trace.png"))
                    .setClip(0, 0, 1366, 1000));
        }
    }

    @Test
    void theDashboardsOrderTimelineLinksToTheTrace() {
        JsonNode timeline = client.get("hub", "/v1/dashboard/timeline?aggregateId=" + orderId, shop.hubAdminToken()).body();
        assertThat(timeline.get("traces")).anySatisfy(link -> {
            assertThat(link.get("traceId").asText()).isEqualTo(traceId);
            assertThat(link.get("url").asText())
                    .isEqualTo("http://127.0.0.1:" + Shop.ZIPKIN_PORT + "/zipkin/traces/" + traceId);
        });
    }

    @Test
    void everyMetricTheAlertRulesNameIsExposed() throws IOException {
        String rules = Files.readString(Path.of(System.getProperty("sagashop.root", "..")).resolve("ops/prometheus/alerts.yml"));
        Set<String> named = AlertRules.metricNames(rules);
        assertThat(named).contains("sagashop_dead_letters", "sagashop_processor_events_behind",
                "commandBus_failureCounter_total", "saga_inspection_sagas");

        StringBuilder exposed = new StringBuilder(scrape("hub", shop.hubAdminToken()));
        for (String service : java.util.List.of("user", "catalog", "payment", "order-saga", "notification", "recommendation")) {
            exposed.append(scrape(service, client.adminToken()));
        }
        Set<String> names = AlertRules.exposedNames(exposed.toString());
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(names);
        missing.remove("up"); // Prometheus's own, per target
        assertThat(missing).as("metrics named in alerts.yml that no process exposes").isEmpty();
    }

    private static String scrape(String process, String token) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(shop.url(process) + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(process + " /actuator/prometheus").isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(process + " did not answer its metrics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> serviceNames(JsonNode spans) {
        Set<String> services = new TreeSet<>();
        spans.forEach(span -> services.add(span.path("localEndpoint").path("serviceName").asText()));
        return services;
    }

    /** Zipkin's JSON at a path, or null while it answers 404 (the trace has not arrived yet). */
    private static JsonNode zipkin(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(shop.zipkinUrl() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
