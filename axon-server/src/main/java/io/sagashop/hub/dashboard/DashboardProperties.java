package io.sagashop.hub.dashboard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dashboard, under {@code hub.dashboard.*}.
 *
 * @param journalSize       how many routed commands the hub remembers for order timelines (a memory ring)
 * @param orderTimeout      how long the saga pages wait for the order service's answer
 * @param eventScanLimit    the most events one event search or timeline reads (searches other than by
 *                          aggregate id are filters over a newest-first scan)
 * @param rateWindow        the window the live message rates are averaged over
 */
@ConfigurationProperties("hub.dashboard")
record DashboardProperties(
        @DefaultValue("10000") int journalSize,
        @DefaultValue("10s") Duration orderTimeout,
        @DefaultValue("20000") int eventScanLimit,
        @DefaultValue("10s") Duration rateWindow) {

    DashboardProperties {
        if (journalSize < 1) {
            throw new IllegalArgumentException("hub.dashboard.journal-size must be at least 1");
        }
        if (eventScanLimit < 1) {
            throw new IllegalArgumentException("hub.dashboard.event-scan-limit must be at least 1");
        }
    }
}
