package io.sagashop.hub.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dashboard, under {@code hub.dashboard.*}.
 *
 * @param journalSize       how many routed commands the hub remembers for timelines (a memory ring)
 * @param inspectionTimeout how long the saga pages wait for the applications' answers (the answers that came
 *                          by then are shown)
 * @param eventScanLimit    the most events one event search or timeline reads (searches other than by
 *                          aggregate id are filters over a newest-first scan)
 * @param rateWindow        the window the live message rates are averaged over
 * @param traceViewerUrl    the Zipkin-compatible trace viewer a timeline's trace ids link to
 *                          ({@code <url>/zipkin/traces/<trace id>})
 */
@ConfigurationProperties("hub.dashboard")
record DashboardProperties(
        @DefaultValue("10000") int journalSize,
        @DefaultValue("10s") Duration inspectionTimeout,
        @DefaultValue("20000") int eventScanLimit,
        @DefaultValue("10s") Duration rateWindow,
        @DefaultValue("http://127.0.0.1:9411") String traceViewerUrl) {

    DashboardProperties {
        if (journalSize < 1) {
            throw new IllegalArgumentException("hub.dashboard.journal-size must be at least 1");
        }
        if (traceViewerUrl == null || !traceViewerUrl.matches("https?://\\S+")) {
            throw new IllegalArgumentException("hub.dashboard.trace-viewer-url must be an http(s) URL, not '"
                    + traceViewerUrl + "'");
        }
        traceViewerUrl = traceViewerUrl.replaceAll("/+$", "");
        if (eventScanLimit < 1) {
            throw new IllegalArgumentException("hub.dashboard.event-scan-limit must be at least 1");
        }
    }
}
