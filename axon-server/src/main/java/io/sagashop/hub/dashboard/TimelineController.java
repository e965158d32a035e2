package io.sagashop.hub.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axoniq.axonserver.grpc.event.Event;
import io.sagashop.hub.command.RoutedCommand;
import io.sagashop.hub.config.HubProperties;
import io.sagashop.hub.eventstore.BrowsedEvent;
import io.sagashop.hub.eventstore.EventBrowser;
import io.sagashop.hub.eventstore.EventPage;
import io.sagashop.hub.platform.UnknownTargetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.sagashop.inspection.web.InvalidParameterException;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * One business transaction's story across every service: the commands the hub routed (from the
 * {@link CommandJournal}) and the events it stored, in time order, with links to its traces.
 * <p>
 * For an aggregate id (the id a saga was started for, say): the aggregate's own events give the
 * correlation ids of the chains it took part in; every stored event and routed command carrying
 * one of them, or routed by the aggregate id, belongs to it. For a correlation id: everything
 * carrying it.
 * <p>
 * Traces: the W3C trace ids in the events' {@code traceparent} metadata (Axon's OpenTelemetry
 * tracing writes it there), each linked to {@code hub.dashboard.trace-viewer-url}.
 */
@RestController
class TimelineController {

    /**
     * One thing that happened.
     *
     * @param at             when (a command: when the hub received it; an event: its timestamp)
     * @param kind           {@code COMMAND} or {@code EVENT}
     * @param name           the simple name of the command or event
     * @param type           its full name
     * @param service        a command: the application that handled it; an event: the aggregate type, or the
     *                       application of the instance that handled the command producing it, if known
     * @param instance       a command: the client id of the handling instance
     * @param durationMillis a command: from receipt to answer
     * @param result         a command: {@code OK} or the error code and message
     * @param token          an event: its global index
     * @param aggregateId    an event: its aggregate
     * @param correlationId  the correlation id it carries
     * @param messageId      the message identifier
     * @param payload        an event: its payload as JSON
     * @param traceId        an event: the W3C trace id of its {@code traceparent} metadata, or {@code null}
     */
    record TimelineEntry(Instant at, String kind, String name, String type, String service, String instance,
                         Double durationMillis, String result, Long token, String aggregateId, String correlationId,
                         String messageId, JsonNode payload, String traceId) {
    }

    /**
     * A trace the timeline's events took part in.
     *
     * @param traceId the W3C trace id (32 hex digits)
     * @param sampled whether the trace was recorded: a trace left out by the services' sampling
     *                ({@code SHOP_TRACE_SAMPLING} below 1.0) still carries its id, but the viewer has nothing
     * @param url     where the trace viewer shows it, or {@code null} when it was not sampled
     */
    record TraceLink(String traceId, boolean sampled, String url) {
    }

    /** What a {@code traceparent} says: the trace id and the sampled flag (bit 0 of its flags). */
    record Traceparent(String traceId, boolean sampled) {
    }

    /**
     * @param id            what was asked for
     * @param by            {@code aggregateId} or {@code correlationId}
     * @param entries       oldest first
     * @param commandsKnown how many routed commands the journal can still show (its size), for judging completeness
     * @param scanLimitHit  the event scan stopped at its limit: older events may be missing
     * @param traces        the distinct traces of the entries, in the order they first appear; empty when no
     *                      event carries a {@code traceparent}
     */
    record Timeline(String id, String by, List<TimelineEntry> entries, long commandsKnown, boolean scanLimitHit,
                    List<TraceLink> traces) {
    }

    /** {@code version-traceid-spanid-flags}; an all-zero trace id is invalid. */
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})");
    private static final String INVALID_TRACE = "0".repeat(32);

    private static final int MAX_ENTRIES = 2000;
    private static final long SCAN_MARGIN_MILLIS = 60_000;

    private final EventBrowser events;
    private final CommandJournal journal;
    private final ObjectMapper json;
    private final DashboardProperties properties;
    private final HubProperties hub;

    TimelineController(EventBrowser events, CommandJournal journal, ObjectMapper json, DashboardProperties properties,
                       HubProperties hub) {
        this.events = events;
        this.journal = journal;
        this.json = json;
        this.properties = properties;
        this.hub = hub;
    }

    @GetMapping("/v1/dashboard/timeline")
    Timeline timeline(@RequestParam(required = false) String aggregateId,
                      @RequestParam(required = false) String correlationId,
                      @RequestParam(defaultValue = HubProperties.DEFAULT_CONTEXT) String context) {
        if (!hub.servesContext(context)) {
            throw new UnknownTargetException("Unknown context '" + context + "'");
        }
        boolean byAggregate = aggregateId != null && !aggregateId.isBlank();
        if (!byAggregate && (correlationId == null || correlationId.isBlank())) {
            throw new InvalidParameterException("aggregateId", "give aggregateId or correlationId");
        }
        String id = byAggregate ? aggregateId.strip() : correlationId.strip();
        Set<String> correlations = new HashSet<>();
        List<BrowsedEvent> found = new ArrayList<>();
        if (byAggregate) {
            EventPage own = events.aggregate(context, id, -1, e -> true, MAX_ENTRIES);
            found.addAll(own.events());
            for (BrowsedEvent event : own.events()) {
                String correlation = EventView.correlationId(event.event());
                if (correlation != null) {
                    correlations.add(correlation);
                }
            }
        } else {
            correlations.add(id);
        }
        // Commands first: their correlation ids (e.g. the one of the command that created the aggregate)
        // also lead to events.
        List<RoutedCommand> commands = journal.find(c -> c.context().equals(context)
                && ((byAggregate && id.equals(c.routingKey())) || correlations.contains(c.correlationId())));
        commands.forEach(c -> {
            if (c.correlationId() != null) {
                correlations.add(c.correlationId());
            }
        });
        // Nothing of it happened long before its first known event or command: scan from there.
        Long since = earliest(found, commands);
        EventPage scanned = events.search(context, -1, -1, since, null,
                e -> (byAggregate && id.equals(e.getAggregateIdentifier())) || correlations.contains(correlationOf(e)),
                MAX_ENTRIES, properties.eventScanLimit());
        // The scan finds the aggregate's own events again (by aggregate id): keep each token once.
        Set<Long> seen = new HashSet<>();
        found.forEach(e -> seen.add(e.token()));
        scanned.events().stream().filter(e -> seen.add(e.token())).forEach(found::add);
        List<TimelineEntry> entries = new ArrayList<>();
        Map<String, Boolean> sampled = new HashMap<>();
        for (RoutedCommand c : commands) {
            entries.add(new TimelineEntry(c.start(), "COMMAND", EventView.simpleName(c.name()), c.name(),
                    c.targetComponent(), c.targetClientId(), c.durationMicros() / 1000.0,
                    c.succeeded() ? "OK" : c.errorCode() + " " + c.errorMessage(), null, null, c.correlationId(),
                    c.messageId(), null, null));
        }
        for (BrowsedEvent browsed : found) {
            EventView e = EventView.of(browsed, json);
            Traceparent traceparent = traceparent(browsed.event());
            if (traceparent != null) {
                sampled.merge(traceparent.traceId(), traceparent.sampled(), Boolean::logicalOr);
            }
            entries.add(new TimelineEntry(e.timestamp(), "EVENT", EventView.simpleName(e.payloadType()),
                    e.payloadType(), e.aggregateType(), null, null, null, e.token(), e.aggregateId(), e.correlationId(),
                    e.messageId(), e.payload(), traceparent == null ? null : traceparent.traceId()));
        }
        // Same millisecond: a command before the events it caused, events in token order.
        entries.sort(Comparator.comparing(TimelineEntry::at)
                .thenComparing(t -> t.kind().equals("COMMAND") ? 0 : 1)
                .thenComparing(t -> t.token() == null ? 0 : t.token()));
        Set<String> traceIds = new LinkedHashSet<>();
        entries.stream().map(TimelineEntry::traceId).filter(Objects::nonNull).forEach(traceIds::add);
        List<TraceLink> traces = traceIds.stream()
                .map(trace -> sampled.get(trace)
                        ? new TraceLink(trace, true, properties.traceViewerUrl() + "/zipkin/traces/" + trace)
                        : new TraceLink(trace, false, null))
                .toList();
        return new Timeline(id, byAggregate ? "aggregateId" : "correlationId", entries, properties.journalSize(),
                scanned.scanLimitHit(), traces);
    }

    /** The event's {@code traceparent} metadata, or null when it has none (or a malformed one). */
    static Traceparent traceparent(Event event) {
        MetaDataValue value = event.getMetaDataMap().get("traceparent");
        if (value == null || value.getDataCase() != MetaDataValue.DataCase.TEXT_VALUE) {
            return null;
        }
        Matcher matcher = TRACEPARENT.matcher(value.getTextValue().strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || matcher.group(1).equals(INVALID_TRACE)) {
            return null;
        }
        return new Traceparent(matcher.group(1), (Integer.parseInt(matcher.group(2), 16) & 1) == 1);
    }


    private static Long earliest(List<BrowsedEvent> own, List<RoutedCommand> commands) {
        long earliest = Long.MAX_VALUE;
        for (BrowsedEvent event : own) {
            earliest = Math.min(earliest, event.event().getTimestamp());
        }
        for (RoutedCommand command : commands) {
            earliest = Math.min(earliest, command.start().toEpochMilli());
        }
        // Clients' clocks differ a little; a minute of margin covers that.
        return earliest == Long.MAX_VALUE ? null : earliest - SCAN_MARGIN_MILLIS;
    }

    private static String correlationOf(Event event) {
        return EventView.correlationId(event);
    }
}
