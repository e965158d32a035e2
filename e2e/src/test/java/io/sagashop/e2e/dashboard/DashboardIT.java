package io.sagashop.e2e.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.sagashop.e2e.support.Audit;
import io.sagashop.e2e.support.Shop;
import io.sagashop.e2e.support.ShopClient;
import io.sagashop.e2e.support.ShopClient.Customer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard served by the real hub, with every real service connected: a compensated order's
 * saga, its cross-service timeline and the overview, through the JSON API and in Debian's
 * Chromium (driven by Playwright, nothing downloaded), signed in with the shop's admin account. Screenshots go to
 * {@code e2e/target/screenshots/}.
 */
class DashboardIT {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final String DECLINED = "4000000000000002";

    static Shop shop;
    static ShopClient client;
    static String declinedOrder;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void placeADeclinedOrder() throws Exception {
        shop = Shop.get();
        client = shop.client();
        Customer customer = client.newCustomer("Dashboard Visitor");
        String vase = client.addProduct("Dashboard vase", "living", "29.00", 5);
        declinedOrder = client.placeOrder(customer, Map.of(vase, 1), DECLINED).text("orderId");
        client.awaitStatus(customer.token(), declinedOrder, "REJECTED", Duration.ofSeconds(60));
        Audit.assertClean(client);

        Files.createDirectories(SCREENSHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(List.of("--no-sandbox")));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    /**
     * The saga started for an order, as the dashboard finds it: by its business key (the order id)
     * through the domain-free inspection API, then in full by its type and id; null while none is known.
     */
    static JsonNode sagaOf(String orderId) {
        JsonNode sagas = client.get("hub", "/v1/dashboard/sagas?key=" + orderId, client.adminToken()).body();
        if (sagas == null || sagas.path("sagas").isEmpty()) {
            return null;
        }
        JsonNode summary = sagas.get("sagas").get(0);
        return client.get("hub", "/v1/dashboard/sagas/" + summary.get("sagaType").asText() + "/"
                + summary.get("sagaId").asText(), client.adminToken()).body();
    }

    @Test
    void theApiTellsACompensatedOrdersWholeStoryInOrder() {
        JsonNode saga = await().atMost(Duration.ofSeconds(30)).until(() -> sagaOf(declinedOrder),
                body -> body != null && "COMPENSATED".equals(body.path("summary").path("state").asText()));
        assertThat(saga.path("summary").path("key").asText()).isEqualTo(declinedOrder);
        assertThat(saga.path("summary").path("application").asText()).isEqualTo("order-saga");
        // The order service's saga type is listed among every application's types, with its counts.
        JsonNode types = client.get("hub", "/v1/dashboard/saga-types", client.adminToken()).body();
        List<String> typeNames = new ArrayList<>();
        types.get("types").forEach(t -> typeNames.add(t.get("sagaType").asText()));
        assertThat(typeNames).contains(saga.path("summary").path("sagaType").asText());

        List<String> story = new ArrayList<>();
        saga.get("timeline").forEach(entry -> story.add(entry.get("kind").asText() + " " + entry.path("messageName").asText()));
        assertThat(story).containsSubsequence("EVENT_RECEIVED OrderPlaced", "COMMAND_SENT ReserveStock",
                "EVENT_RECEIVED StockReserved", "COMMAND_SENT RequestPayment", "EVENT_RECEIVED PaymentDeclined",
                "COMMAND_SENT ReleaseStock", "COMMAND_SENT RejectOrder", "EVENT_RECEIVED StockReleased");
        assertThat(story.get(story.size() - 1)).startsWith("ENDED");

        JsonNode overview = client.get("hub", "/v1/dashboard/overview", client.adminToken()).body();
        List<String> applications = new ArrayList<>();
        overview.get("applications").forEach(a -> applications.add(a.get("name").asText()));
        assertThat(applications).contains("user", "catalog", "payment", "order-saga");
    }

    @Test
    void aCompensatedSagasDetailShowsReservationDeclineAndReleaseInOrder() {
        try (Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1366, 900))) {
            signIn(page);
            page.navigate(shop.url("hub") + "/");
            PlaywrightAssertions.assertThat(page.locator(".application[data-name='order-saga']")).isVisible();
            PlaywrightAssertions.assertThat(page.locator(".application[data-name='catalog']")).containsText("ReserveStock");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("overview.png")).setFullPage(true));

            page.navigate(shop.url("hub") + "/dashboard/#/sagas");
            page.selectOption("select[name=state]", "COMPENSATED");
            page.click("#saga-filters button");
            PlaywrightAssertions.assertThat(page.locator("#saga-table a:text('" + declinedOrder + "')")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("sagas.png")).setFullPage(true));
            page.click("#saga-table a:text('" + declinedOrder + "')");

            PlaywrightAssertions.assertThat(page.locator("#saga-state")).containsText("COMPENSATED");
            Locator messages = page.locator("#saga-timeline tr.entry td.message");
            PlaywrightAssertions.assertThat(messages.first()).isVisible();
            List<String> names = messages.allTextContents();
            int reserved = names.indexOf("StockReserved");
            int declined = names.indexOf("PaymentDeclined");
            int release = names.indexOf("ReleaseStock");
            assertThat(reserved).isNotNegative();
            assertThat(declined).isGreaterThan(reserved);
            assertThat(release).isGreaterThan(declined);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("saga-detail.png")).setFullPage(true));

            page.navigate(shop.url("hub") + "/dashboard/#/timeline?aggregateId=" + declinedOrder);
            Locator timeline = page.locator("#timeline-table tr.entry td.message");
            PlaywrightAssertions.assertThat(timeline.first()).isVisible();
            assertThat(timeline.allTextContents()).containsSubsequence("PlaceOrder", "OrderPlaced", "ReserveStock",
                    "StockReserved", "RequestPayment", "PaymentDeclined", "ReleaseStock", "StockReleased");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("order-timeline.png")).setFullPage(true));
        }
    }

    /** Signs in with the shop's admin account, as an operator does: the hub checks it with the user service. */
    private static void signIn(Page page) {
        page.navigate(shop.url("hub") + "/");
        PlaywrightAssertions.assertThat(page.locator("#login-form")).isVisible();
        page.fill("#email", Shop.ADMIN_EMAIL);
        page.fill("#password", Shop.ADMIN_PASSWORD);
        page.click("#login-button");
        PlaywrightAssertions.assertThat(page.locator("#who")).containsText(Shop.ADMIN_EMAIL + " (operator)");
    }
}
