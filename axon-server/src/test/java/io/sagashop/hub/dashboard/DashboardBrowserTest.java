package io.sagashop.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.sagashop.hub.testing.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import io.sagashop.inspection.api.SagaAction;
import io.sagashop.inspection.api.SagaActionCommand;
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
        order = fixture.placeCompensatedOrder(DashboardFixture.Trace.SAMPLED);
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
            PlaywrightAssertions.assertThat(page.locator(".application[data-name='toys']")).containsText("toys-1");
            PlaywrightAssertions.assertThat(page.locator(".application[data-name='boats']")).containsText("boats-1");
            PlaywrightAssertions.assertThat(page.locator(".application[data-name='shop']")).containsText("ReserveStock");
            screenshot(page, "overview");
        }
    }

    @Test
    void sagasPageListsBothApplicationsTypesFiltersAndLeadsToACompensatedSagasTimeline() {
        try (Page page = newPage()) {
            page.navigate(fixture.url("/dashboard/#/sagas"));
            Locator rows = page.locator("#saga-table tr.saga");
            PlaywrightAssertions.assertThat(rows).hasCount(4);
            PlaywrightAssertions.assertThat(page.locator("#saga-types tr.saga-type")).hasCount(2);
            PlaywrightAssertions.assertThat(page.locator("#saga-type-select option[value='" + ToySagas.BOAT + "']"))
                    .containsText("boats: 1 active, 0 stuck");
            screenshot(page, "sagas");

            page.selectOption("select[name=type]", ToySagas.TOY);
            page.selectOption("select[name=state]", "COMPENSATED");
            page.click("#saga-filters button");
            PlaywrightAssertions.assertThat(rows).hasCount(1);
            page.click("#saga-table a:text('" + ToySagas.TOY_COMPENSATED + "')");

            PlaywrightAssertions.assertThat(page.locator("#saga-state")).containsText("COMPENSATED");
            Locator messages = page.locator("#saga-timeline tr.entry td.message");
            PlaywrightAssertions.assertThat(messages.first()).isVisible();
            List<String> names = messages.allTextContents();
            int reserved = names.indexOf("ToyReserved");
            int declined = names.indexOf("PaymentDeclined");
            int release = names.indexOf("ReleaseToy");
            assertThat(reserved).isNotNegative();
            assertThat(declined).isGreaterThan(reserved);
            assertThat(release).isGreaterThan(declined);
            screenshot(page, "saga-detail");
        }
    }

    @Test
    void timelineShowsCommandsAndEventsAcrossServicesInOrderAndLinksTheTrace() {
        try (Page page = newPage()) {
            page.navigate(fixture.url("/dashboard/#/timeline?aggregateId=" + order.orderId()));
            Locator messages = page.locator("#timeline-table tr.entry td.message");
            PlaywrightAssertions.assertThat(messages).hasCount(7);
            assertThat(messages.allTextContents()).containsExactly("OrderPlaced", "ReserveStock", "StockReserved",
                    "ProcessPayment", "PaymentDeclined", "ReleaseStock", "StockReleased");
            PlaywrightAssertions.assertThat(page.locator("#trace-link")).hasText("Open trace");
            PlaywrightAssertions.assertThat(page.locator("#trace-link")).hasAttribute("href",
                    "http://127.0.0.1:9411/zipkin/traces/" + order.traceId());
            screenshot(page, "timeline");

            DashboardFixture.PlayedOrder untraced = fixture.placeCompensatedOrder(DashboardFixture.Trace.NONE);
            page.navigate(fixture.url("/dashboard/#/timeline?aggregateId=" + untraced.orderId()));
            PlaywrightAssertions.assertThat(messages).hasCount(7);
            PlaywrightAssertions.assertThat(page.locator(".trace-link")).hasCount(0);

            DashboardFixture.PlayedOrder unsampled = fixture.placeCompensatedOrder(DashboardFixture.Trace.NOT_SAMPLED);
            page.navigate(fixture.url("/dashboard/#/timeline?aggregateId=" + unsampled.orderId()));
            PlaywrightAssertions.assertThat(messages).hasCount(7);
            PlaywrightAssertions.assertThat(page.locator(".trace-link")).hasCount(0);
            PlaywrightAssertions.assertThat(page.locator(".trace-unsampled")).hasText("trace not sampled");
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
            page.navigate(fixture.url("/dashboard/#/consistency"));
            PlaywrightAssertions.assertThat(page.locator("#violations")).containsText("toy-within-deadline");
            PlaywrightAssertions.assertThat(page.locator("#violation-count")).hasText("1");
            screenshot(page, "consistency");
            // A violation's subject leads to the sagas of that key.
            page.click("#violations a.subject-link");
            PlaywrightAssertions.assertThat(page.locator("#saga-table tr.saga")).hasCount(1);
            PlaywrightAssertions.assertThat(page.locator("#saga-table tr.saga")).containsText(ToySagas.TOY_ACTIVE);
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
            // A subscribing processor is not paused: it has no running state to show, nor buttons for one.
            Locator subscribing = page.locator(".processor[data-name='" + DashboardShop.SUBSCRIBING + "']");
            PlaywrightAssertions.assertThat(subscribing.locator("h3")).containsText("subscribing");
            PlaywrightAssertions.assertThat(subscribing.locator("h3")).not().containsText("paused");
            PlaywrightAssertions.assertThat(subscribing.locator("button[data-action=pause]")).hasCount(0);
            Locator pooled = page.locator(".processor[data-name='" + DashboardShop.POOLED + "'] .instances");
            PlaywrightAssertions.assertThat(pooled).containsText("2 threads");
        }
    }

    @Test
    void sagaActionAsksForConfirmationThenReachesTheApplicationThatRunsTheSaga() {
        ToySagas.ACTIONS.clear();
        try (Page page = newPage()) {
            page.navigate(fixture.url("/dashboard/#/saga/" + ToySagas.TOY + "/toy-saga-a1"));
            PlaywrightAssertions.assertThat(page.locator("#saga-state")).containsText("ACTIVE");
            PlaywrightAssertions.assertThat(page.locator("#saga-deadlines")).containsText("toy-deadline");
            PlaywrightAssertions.assertThat(page.locator("#key-timeline-link")).hasAttribute("href",
                    "#/timeline?aggregateId=" + ToySagas.TOY_ACTIVE);
            page.click("button[data-act=retry]");
            PlaywrightAssertions.assertThat(page.locator("#confirm")).isVisible();
            // Retrying needs no reason; compensating and ending do.
            PlaywrightAssertions.assertThat(page.locator("#confirm-reason")).isHidden();
            screenshot(page, "saga-action-confirm");
            page.click("#confirm-ok");
            PlaywrightAssertions.assertThat(page.locator("#action-result")).containsText("retry: done");

            page.click("button[data-act=compensate]");
            PlaywrightAssertions.assertThat(page.locator("#confirm-reason")).isVisible();
            page.fill("#confirm-reason", "customer called");
            page.click("#confirm-ok");
            PlaywrightAssertions.assertThat(page.locator("#action-result")).containsText("compensate: done");
            assertThat(ToySagas.ACTIONS).containsExactly(
                    new ToySagas.Handled("toys", new SagaActionCommand(ToySagas.TOY, "toy-saga-a1", SagaAction.RETRY,
                            "token:admin", null)),
                    new ToySagas.Handled("toys", new SagaActionCommand(ToySagas.TOY, "toy-saga-a1",
                            SagaAction.COMPENSATE, "token:admin", "customer called")));

            // The boat type takes retries only: no other button.
            page.navigate(fixture.url("/dashboard/#/saga/" + ToySagas.BOAT + "/boat-saga-a1"));
            PlaywrightAssertions.assertThat(page.locator("#saga-state")).containsText("ACTIVE");
            PlaywrightAssertions.assertThat(page.locator("button[data-act=end]")).isHidden();
            PlaywrightAssertions.assertThat(page.locator("button[data-act=retry]")).isVisible();
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
            page.navigate(locked.httpUrl() + "/dashboard/#/saga/AnySaga/any-saga");
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
