package io.sagashop.hub.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axoniq.axonserver.grpc.event.Event;
import io.sagashop.hub.config.HubProperties;
import io.sagashop.hub.eventstore.EventBrowser;
import io.sagashop.hub.eventstore.EventPage;
import io.sagashop.hub.platform.UnknownTargetException;
import io.sagashop.inspection.web.InvalidParameterException;
import io.sagashop.inspection.web.Parameters;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Browsing and searching the event store, newest first. By aggregate id it is an index lookup;
 * every other criterion filters a newest-first scan of at most {@code hub.dashboard.event-scan-limit}
 * events, and the answer says where to go on ({@code nextBefore}). Polling with {@code after}
 * set to the newest token seen gives a live tail.
 */
@RestController
class EventSearchController {

    /**
     * @param events       matches, newest first
     * @param head         the newest token in the store (-1 when empty)
     * @param nextBefore   pass as {@code before} for older matches; -1 when there are none
     * @param scanned      events read
     * @param scanLimitHit the scan stopped at its limit: there may be older matches
     */
    record EventSearchResult(List<EventView> events, long head, long nextBefore, int scanned, boolean scanLimitHit) {
    }

    private final EventBrowser browser;
    private final ObjectMapper json;
    private final DashboardProperties properties;
    private final HubProperties hub;

    EventSearchController(EventBrowser browser, ObjectMapper json, DashboardProperties properties, HubProperties hub) {
        this.browser = browser;
        this.json = json;
        this.properties = properties;
        this.hub = hub;
    }

    @GetMapping("/v1/dashboard/events")
    EventSearchResult events(@RequestParam(defaultValue = HubProperties.DEFAULT_CONTEXT) String context,
                             @RequestParam(required = false) String aggregateId,
                             @RequestParam(required = false) String aggregateType,
                             @RequestParam(required = false) String payloadType,
                             @RequestParam(required = false) String correlationId,
                             @RequestParam(required = false) String from,
                             @RequestParam(required = false) String to,
                             @RequestParam(defaultValue = "-1") long before,
                             @RequestParam(defaultValue = "-1") long after,
                             @RequestParam(defaultValue = "50") int limit) {
        if (!hub.servesContext(context)) {
            throw new UnknownTargetException("Unknown context '" + context + "'");
        }
        Parameters.limit("limit", limit, 500);
        Long fromMillis = blank(from) ? null : Parameters.instant("from", from).toEpochMilli();
        Long toMillis = blank(to) ? null : Parameters.instant("to", to).toEpochMilli();
        if (fromMillis != null && toMillis != null && fromMillis > toMillis) {
            throw new InvalidParameterException("to", "to must not be before from");
        }
        Predicate<Event> filter = event -> true;
        if (!blank(aggregateType)) {
            filter = filter.and(e -> e.getAggregateType().equals(aggregateType.strip()));
        }
        if (!blank(payloadType)) {
            // A simple name matches too: ThingHappened finds com.example.api.ThingHappened.
            String type = payloadType.strip();
            filter = filter.and(e -> e.getPayload().getType().equals(type)
                    || EventView.simpleName(e.getPayload().getType()).equals(type));
        }
        if (!blank(correlationId)) {
            filter = filter.and(e -> correlationId.strip().equals(EventView.correlationId(e)));
        }
        if (fromMillis != null || toMillis != null) {
            filter = filter.and(e -> (fromMillis == null || e.getTimestamp() >= fromMillis)
                    && (toMillis == null || e.getTimestamp() <= toMillis));
        }
        EventPage page;
        if (!blank(aggregateId)) {
            long floor = after;
            Predicate<Event> inAggregate = filter;
            page = browser.aggregate(context, aggregateId.strip(), before, inAggregate, limit);
            if (floor >= 0) {
                page = new EventPage(page.events().stream().filter(e -> e.token() > floor).toList(), page.head(),
                        -1, page.scanned(), false);
            }
        } else {
            page = browser.search(context, before, after, fromMillis, toMillis, filter, limit,
                    properties.eventScanLimit());
        }
        return new EventSearchResult(page.events().stream().map(e -> EventView.of(e, json)).toList(), page.head(),
                page.nextBefore(), page.scanned(), page.scanLimitHit());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
