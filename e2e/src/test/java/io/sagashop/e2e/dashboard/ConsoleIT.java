package io.sagashop.e2e.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.sagashop.e2e.support.Audit;
import io.sagashop.e2e.support.Shop;
import io.sagashop.e2e.support.ShopClient;
import io.sagashop.e2e.support.ShopClient.Customer;
import io.sagashop.e2e.support.ShopClient.Response;
import io.sagashop.e2e.support.ShopProcess;
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
 * The standalone saga console ({@code console/}) against the real shop, connected to the hub as
 * an ordinary Axon client with its own token, as it would connect to AxonIQ's Axon Server: a
 * declined order's saga found in the list, its detail and timeline, the consistency page, an
 * operator action the order service refuses (the saga is over), and an operator compensating a
 * saga that waits for a slow payment provider — in Debian's Chromium, signed in with the shop's
 * admin account. Screenshots go to {@code e2e/target/screenshots/console-*.png}.
 */
class ConsoleIT {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final String DECLINED = "4000000000000002";
    private static final String APPROVED = "4242424242424242";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    static Shop shop;
    static ShopClient client;
    static String declinedOrder;
    static Playwright playwright;
    static Browser browser;

    @BeforeAll
    static void startTheConsoleAndPlaceADeclinedOrder() throws Exception {
        shop = Shop.get();
        // Starts while the order runs its course.
        ShopProcess console = shop.startConsole();
        client = shop.client();
        Customer customer = client.newCustomer("Console Visitor");
        String lamp = client.addProduct("Console lamp", "living", "19.00", 5);
        declinedOrder = client.placeOrder(customer, Map.of(lamp, 1), DECLINED).text("orderId");
        client.awaitStatus(customer.token(), declinedOrder, "REJECTED", Duration.ofSeconds(60));
        console.awaitHealthy(START_TIMEOUT);

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

    @Test
    void theConsoleIsAnOrdinaryClientOfTheHubWithItsOwnToken() {
        JsonNode overview = client.get("hub", "/v1/dashboard/overview", client.adminToken()).body();
        List<String> applications = new ArrayList<>();
        overview.get("applications").forEach(a -> applications.add(a.get("name").asText()));
        assertThat(applications).contains("console", "order-saga");

        // Its API needs a sign-in; the shop's admin JWT is accepted, a customer's is not.
        assertThat(client.get("console", "/v1/dashboard/saga-types", null).status()).isEqualTo(401);
        Customer customer = client.newCustomer("Console Prober");
        assertThat(client.get("console", "/v1/dashboard/saga-types", customer.token()).status()).isEqualTo(403);
        JsonNode types = client.get("console", "/v1/dashboard/saga-types", client.adminToken()).body();
        List<String> orderSagaTypes = new ArrayList<>();
        types.get("types").forEach(t -> {
            if (t.get("application").asText().equals("order-saga")) {
                orderSagaTypes.add(t.get("sagaType").asText());
            }
        });
        assertThat(orderSagaTypes).isNotEmpty();

        // An action the order service refuses, through the console's API: the saga is over.
        JsonNode saga = declinedSaga();
        String type = saga.get("sagaType").asText();
        String path = "/v1/dashboard/sagas/" + type + "/" + saga.get("sagaId").asText() + "/end";
        Response withoutCsrfHeader = client.post("console", path, client.adminToken(), Map.of("reason", "e2e"));
        assertThat(withoutCsrfHeader.status()).isEqualTo(403);
        Response refused = client.post("console", path, client.adminToken(), Map.of("reason", "e2e"),
                Map.of("X-Requested-With", "sagashop-console"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("COMPENSATED");
    }

    @Test
    void anOperatorFollowsADeclinedOrdersSagaAndTheAuditInChromium() throws Exception {
        try (Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1366, 900))) {
            signIn(page);

            // The list: the order's saga, found by its key, compensated, run by the order service.
            page.navigate(shop.url("console") + "/#/sagas?state=COMPENSATED");
            Locator row = page.locator("#saga-table tr.saga[data-key='" + declinedOrder + "']");
            PlaywrightAssertions.assertThat(row).isVisible();
            PlaywrightAssertions.assertThat(row).containsText("order-saga");
            PlaywrightAssertions.assertThat(page.locator("#saga-types tr.saga-type").first()).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-sagas.png")).setFullPage(true));

            // Its detail: the timeline tells reservation, decline and release in order.
            row.locator("a").click();
            PlaywrightAssertions.assertThat(page.locator("#saga-state")).containsText("COMPENSATED");
            Locator messages = page.locator("#saga-timeline tr.entry td.message");
            PlaywrightAssertions.assertThat(messages.first()).isVisible();
            assertThat(messages.allTextContents()).containsSubsequence("StockReserved", "PaymentDeclined", "ReleaseStock");

            // An operator action on it: the order service refuses, in its words, and the console says so.
            Locator retry = page.locator("#saga-actions button[data-act=retry]");
            PlaywrightAssertions.assertThat(retry).isVisible();
            retry.click();
            page.click("#confirm-ok");
            PlaywrightAssertions.assertThat(page.locator("#action-result")).containsText("409");
            PlaywrightAssertions.assertThat(page.locator("#action-result")).containsText("COMPENSATED");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-saga-detail.png")).setFullPage(true));

            // The consistency page: the order service's audit, clean.
            page.navigate(shop.url("console") + "/#/consistency");
            PlaywrightAssertions.assertThat(page.locator("#violation-count")).hasText("0");
            PlaywrightAssertions.assertThat(page.locator(".report[data-application='order-saga']")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-consistency.png")).setFullPage(true));
        }
        // The console's audit trail names the signed-in operator and the outcome.
        Path log = Paths.get("target", "e2e-logs", "console.log");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Files.readString(log))
                .contains("operator=" + Shop.ADMIN_EMAIL, "action=saga retry", "outcome=refused (409)"));
        Audit.assertClean(client);
    }

    @Test
    void anOperatorCompensatesASagaWaitingForASlowPaymentProvider() throws Exception {
        Customer customer = client.newCustomer("Console Waiter");
        String rug = client.addProduct("Console rug", "living", "45.00", 3);
        // Charges are processed but answered after the payment service's read timeout: the saga
        // waits for the payment until the order deadline, unless an operator steps in.
        client.slowPaymentProviders(8000);
        try {
            String orderId = client.placeOrder(customer, Map.of(rug, 1), APPROVED).text("orderId");
            JsonNode waiting = await().atMost(Duration.ofSeconds(20)).until(() -> sagaOf(orderId),
                    saga -> saga != null && saga.path("state").asText().equals("ACTIVE")
                            && saga.path("currentStep").asText().equals("AWAITING_PAYMENT"));

            try (Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1366, 900))) {
                signIn(page);
                page.navigate(shop.url("console") + "/#/saga/" + waiting.get("sagaType").asText() + "/"
                        + waiting.get("sagaId").asText());
                PlaywrightAssertions.assertThat(page.locator("#saga-state")).containsText("ACTIVE");
                page.locator("#saga-actions button[data-act=compensate]").click();
                page.fill("#confirm-reason", "payment provider too slow");
                page.click("#confirm-ok");
                PlaywrightAssertions.assertThat(page.locator("#action-result")).containsText("compensate: done");
                // The order service records the action in the saga's timeline under the operator's name.
                PlaywrightAssertions.assertThat(page.locator("#saga-timeline")).containsText("OPERATOR_ACTION",
                        new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
                page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-compensated.png"))
                        .setFullPage(true));
            }
            client.clearFaults();
            JsonNode order = client.awaitFinal(customer.token(), orderId, Duration.ofSeconds(60));
            assertThat(order.get("status").asText()).isEqualTo("REJECTED");
            assertThat(order.get("rejectionReason").asText()).isEqualTo("COMPENSATED_BY_OPERATOR");
            client.awaitAvailable(rug, 3, Duration.ofSeconds(60));
        } finally {
            client.clearFaults();
        }
        // The late charge is given back: no money is kept for the rejected order.
        Audit.assertClean(client);
        Path log = Paths.get("target", "e2e-logs", "console.log");
        assertThat(Files.readString(log)).contains("operator=" + Shop.ADMIN_EMAIL, "action=saga compensate",
                "outcome=done");
    }

    /** Signs in with the shop's admin account, as an operator does: the console checks it with the user service. */
    private static void signIn(Page page) {
        page.navigate(shop.url("console") + "/");
        PlaywrightAssertions.assertThat(page).hasTitle("Sagashop saga console");
        PlaywrightAssertions.assertThat(page.locator("#login-form")).isVisible();
        page.fill("#email", Shop.ADMIN_EMAIL);
        page.fill("#password", Shop.ADMIN_PASSWORD);
        page.click("#login-button");
        PlaywrightAssertions.assertThat(page.locator("#who")).containsText(Shop.ADMIN_EMAIL + " (operator)");
    }

    /** The order's saga (its summary) as the console lists it, or null before it started. */
    private static JsonNode sagaOf(String orderId) {
        JsonNode sagas = client.get("console", "/v1/dashboard/sagas?key=" + orderId, client.adminToken()).body();
        for (JsonNode saga : sagas.path("sagas")) {
            if (saga.path("application").asText().equals("order-saga")) {
                return saga;
            }
        }
        return null;
    }

    /** The declined order's saga (its summary), once the console lists it as compensated. */
    private static JsonNode declinedSaga() {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode sagas = client.get("console", "/v1/dashboard/sagas?key=" + declinedOrder, client.adminToken()).body();
            for (JsonNode saga : sagas.path("sagas")) {
                if (saga.path("state").asText().equals("COMPENSATED") && saga.path("application").asText().equals("order-saga")) {
                    return saga;
                }
            }
            return null;
        }, saga -> saga != null);
    }
}
