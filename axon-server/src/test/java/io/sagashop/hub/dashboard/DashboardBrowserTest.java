package io.sagashop.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.sagashop.hub.testing.TestHub;
import io.sagashop.hub.testing.TestOrderService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's pages in headless Chromium (Debian's {@code /usr/bin/chromium}, driven by
 * Playwright for Java without downloading a browser), against the hub of {@link DashboardFixture}.
 * Screenshots go to {@code target/screenshots/}.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private static DashboardFixture fixture;
    private static DashboardFixture.PlayedOrder order;
    private static Playwright playwright;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed at " + CHROMIUM);
        fixture = DashboardFixture.get();
        order = fixture.placeCompensatedOrder();
        Files.createDirectories(SCREENSHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(List.of("--no-sandbox")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void overviewListsTheConnectedApplications() {
        try (Page page = newPage()) {
            page.navigate(fixture.url("/"));
            PlaywrightAssertions.assertThat(page.locator(".application[data-name='shop']")).containsText("shop-1");
            PlaywrightAssertions.assertThat(page.locator(".application[data-name='order-saga']")).containsText("order-saga-1");
            PlaywrightAssertions.assertThat(page.locator(".application[data-name='shop']")).containsText("ReserveStock");
            screenshot(page, "overview");
        }
    }

    @Test
    void sagasPageFiltersAndLeadsToACompensatedSagasTimeline() {
        try (Page page = newPage()) {
            page.navigate(fixture.url("/dashboard/#/sagas"));
            Locator rows = page.locator("#saga-table tr.saga");
            PlaywrightAssertions.assertThat(rows).hasCount(3);
            screenshot(page, "sagas");

            page.selectOption("select[name=state]", "COMPENSATED");
            page.click("#saga-filters button");
            PlaywrightAssertions.assertThat(rows).hasCount(1);
            page.click("#saga-table a:text('" + TestOrderService.COMPENSATED + "')");

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
            screenshot(page, "saga-detail");
        }
    }

    @Test
    void orderTimelineShowsCommandsAndEventsAcrossServicesInOrder() {
        try (Page page = newPage()) {
            page.navigate(fixture.url("/dashboard/#/timeline?orderId=" + order.orderId()));
            Locator messages = page.locator("#timeline-table tr.entry td.message");
            PlaywrightAssertions.assertThat(messages).hasCount(7);
            assertThat(messages.allTextContents()).containsExactly("OrderPlaced", "ReserveStock", "StockReserved",
                    "ProcessPayment", "PaymentDeclined", "ReleaseStock", "StockReleased");
            screenshot(page, "order-timeline");
        }
    }

    @Test
    void otherPagesRender() {
        try (Page page = newPage()) {
            page.navigate(fixture.url("/dashboard/#/processors"));
            PlaywrightAssertions.assertThat(page.locator(".processor[data-name='" + DashboardShop.PROCESSOR + "']")).isVisible();
            screenshot(page, "processors");
            page.navigate(fixture.url("/dashboard/#/messages"));
            PlaywrightAssertions.assertThat(page.locator("#commands")).containsText("ProcessPayment");
            screenshot(page, "commands-and-queries");
            page.navigate(fixture.url("/dashboard/#/events?correlationId=" + order.correlationId()));
            PlaywrightAssertions.assertThat(page.locator("#event-table tbody tr")).hasCount(4);
            screenshot(page, "events");
            page.navigate(fixture.url("/dashboard/#/audit"));
            PlaywrightAssertions.assertThat(page.locator("#violations")).containsText("saga-within-deadline");
            screenshot(page, "audit");
        }
    }

    @Test
    void processorButtonsShowTheClientsResults() {
        try (Page page = newPage()) {
            page.navigate(fixture.url("/dashboard/#/processors"));
            Locator processor = page.locator(".processor[data-name='" + DashboardShop.PROCESSOR + "']");
            processor.locator("button[data-action=pause]").click();
            PlaywrightAssertions.assertThat(page.locator("#processor-result")).containsText("shop-1 SUCCEEDED");
            PlaywrightAssertions.assertThat(processor).containsText("paused");
            processor.locator("button[data-action=start]").click();
            PlaywrightAssertions.assertThat(page.locator("#processor-result")).containsText("start");
            PlaywrightAssertions.assertThat(page.locator("#processor-result")).containsText("SUCCEEDED");
        }
    }

    @Test
    void sagaActionAsksForConfirmationThenReachesTheOrderService() {
        TestOrderService.ACTIONS.clear();
        try (Page page = newPage()) {
            page.navigate(fixture.url("/dashboard/#/saga/" + TestOrderService.ACTIVE));
            PlaywrightAssertions.assertThat(page.locator("#saga-state")).containsText("ACTIVE");
            page.click("button[data-act=retry]");
            PlaywrightAssertions.assertThat(page.locator("#confirm")).isVisible();
            // Retrying needs no reason; compensating and ending do.
            PlaywrightAssertions.assertThat(page.locator("#confirm-reason")).isHidden();
            screenshot(page, "saga-action-confirm");
            page.click("#confirm-ok");
            PlaywrightAssertions.assertThat(page.locator("#action-result")).containsText("retry: done");
            assertThat(TestOrderService.ACTIONS).containsExactly(new io.sagashop.order.api.RetryOrderStep(
                    io.sagashop.order.api.OrderId.of(TestOrderService.ACTIVE), "token:admin"));
        }
    }

    @Test
    void thePagesAskForASignInOnceAndAViewerSeesNoActions() {
        try (TestHub locked = TestHub.start(Map.of("hub.access.tokens.admin", "browser-admin-token-0123",
                "hub.access.tokens.monitoring", "browser-viewer-token-0123"));
             Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1366, 900))) {
            page.navigate(locked.httpUrl() + "/dashboard/#/overview");
            PlaywrightAssertions.assertThat(page.locator("#login-form")).isVisible();
            page.fill("#token", "wrong");
            page.click("#token-button");
            PlaywrightAssertions.assertThat(page.locator("#login-result")).containsText("401");
            page.fill("#token", "browser-viewer-token-0123");
            page.click("#token-button");
            PlaywrightAssertions.assertThat(page.locator("#app-count")).hasText("0");
            PlaywrightAssertions.assertThat(page.locator("#who")).hasText("token:monitoring (viewer)");
            page.navigate(locked.httpUrl() + "/dashboard/#/events");
            PlaywrightAssertions.assertThat(page.locator("#events-info")).containsText("head token -1");
            page.navigate(locked.httpUrl() + "/dashboard/#/saga/any-order");
            PlaywrightAssertions.assertThat(page.locator("button[data-act=compensate]")).isHidden();
        }
    }

    /** A page signed in with the fixture hub's admin token, as an operator would be. */
    private static Page newPage() {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1366, 900));
        page.navigate(fixture.url("/"));
        PlaywrightAssertions.assertThat(page.locator("#token-form")).isVisible();
        page.fill("#token", TestHub.ADMIN_TOKEN);
        page.click("#token-button");
        PlaywrightAssertions.assertThat(page.locator("#who")).hasText("token:admin (operator)");
        return page;
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
