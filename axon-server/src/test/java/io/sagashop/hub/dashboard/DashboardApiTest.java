package io.sagashop.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sagashop.hub.platform.Http;
import io.sagashop.hub.testing.TestHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import io.sagashop.inspection.api.ConsistencyReportQuery;
import io.sagashop.inspection.api.FindSagasQuery;
import io.sagashop.inspection.api.SagaActionCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's JSON API against the in-process hub with real Axon applications connected
 * ({@link DashboardFixture}): what the pages show is what the hub and the applications know.
 * The saga pages' API is {@link SagaInspectionApiTest}'s.
 */
class DashboardApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DashboardFixture fixture;
    private static DashboardFixture.PlayedOrder order;

    @BeforeAll
    static void start() {
        fixture = DashboardFixture.get();
        order = fixture.placeCompensatedOrder(DashboardFixture.Trace.SAMPLED);
    }

    @Test
    void listsApplicationsWithTheirInstancesAndWhatTheyHandle() {
        JsonNode overview = get("/v1/dashboard/overview");

        JsonNode shop = find(overview.get("applications"), "name", "shop");
        JsonNode instance = shop.get("instances").get(0);
        assertThat(instance.get("clientId").asText()).isEqualTo("shop-1");
        assertThat(instance.get("host").asText()).isNotEmpty();
        assertThat(instance.get("version").asText()).isNotEmpty();
        assertThat(instance.get("connectedSince").asText()).isNotEmpty();
        assertThat(texts(instance.get("commands"))).contains(DashboardShop.ReserveStock.class.getName(),
                DashboardShop.ProcessPayment.class.getName(), DashboardShop.ReleaseStock.class.getName());
        assertThat(texts(instance.get("processors"))).contains(DashboardShop.PROCESSOR);
        JsonNode toys = find(overview.get("applications"), "name", "toys");
        assertThat(texts(toys.get("instances").get(0).get("queries")))
                .contains(FindSagasQuery.class.getName(), ConsistencyReportQuery.class.getName());
        assertThat(texts(toys.get("instances").get(0).get("commands")))
                .containsExactly(SagaActionCommand.commandName(ToySagas.TOY));
        assertThat(overview.get("commands").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void countsCommandsAndErrorsWithLatencyPercentiles() {
        long before = commandCount(DashboardShop.ProcessPayment.class.getName(), "dispatched");
        long errorsBefore = commandCount(DashboardShop.ProcessPayment.class.getName(), "errors");
        CommandGateway commands = fixture.toysApp.getBean(CommandGateway.class);
        commands.sendAndWait(new DashboardShop.ProcessPayment("order-stats", "payment-stats"));
        try {
            commands.sendAndWait(new DashboardShop.ProcessPayment("order-stats", "broken-stats"));
        } catch (RuntimeException expected) {
            // the handler's refusal; counted as an error
        }

        JsonNode processPayment = find(get("/v1/dashboard/commands"), "name", DashboardShop.ProcessPayment.class.getName());
        assertThat(processPayment.get("dispatched").asLong()).isEqualTo(before + 2);
        assertThat(processPayment.get("errors").asLong()).isEqualTo(errorsBefore + 1);
        assertThat(processPayment.get("handlers").get(0).get("clientId").asText()).isEqualTo("shop-1");
        JsonNode latency = processPayment.get("latency");
        assertThat(latency.get("count").asLong()).isEqualTo(before + 2);
        assertThat(latency.get("p50").asDouble()).isPositive();
        assertThat(latency.get("max").asDouble()).isGreaterThanOrEqualTo(latency.get("p99").asDouble());
        JsonNode findSagas = find(get("/v1/dashboard/queries"), "name", FindSagasQuery.class.getName());
        assertThat(texts(findSagas.get("handlers"), "clientId")).containsExactlyInAnyOrder("toys-1", "boats-1");
    }

    @Test
    void pausesAndStartsAProcessorAndShowsItsLag() {
        String base = "/v1/components/shop/processors/" + DashboardShop.PROCESSOR;
        await().atMost(Duration.ofSeconds(30)).until(() -> segmentLag() == 0L);

        HttpResponse<String> paused = Http.patch(fixture.url(base + "/pause"));
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(paused.body()).contains("SUCCEEDED");
        assertThat(processor().get("running").asBoolean()).isFalse();

        // Paused, it handles nothing of what is stored now; started again, it catches up to the head.
        DashboardFixture.PlayedOrder later = fixture.placeCompensatedOrder(DashboardFixture.Trace.NONE);
        assertThat(tracked(later.orderId())).isZero();

        HttpResponse<String> started = Http.patch(fixture.url(base + "/start"));
        assertThat(started.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> tracked(later.orderId()) == 4);
        // The lag is unknown (null) for a moment after the start, until the instance reports its segments.
        await().atMost(Duration.ofSeconds(30)).until(() -> processor().get("running").asBoolean()
                && Long.valueOf(0L).equals(segmentLag()));
        JsonNode segment = processor().get("segments").get(0);
        assertThat(segment.get("tokenPosition").asLong()).isEqualTo(get("/v1/dashboard/overview").get("head").asLong());
    }

    private static long tracked(String orderId) {
        return DashboardShop.TRACKED.stream().filter(e -> e.toString().contains(orderId)).count();
    }

    @Test
    void findsEventsByAggregateIdByCorrelationIdAndByPayloadType() {
        JsonNode byAggregate = get("/v1/dashboard/events?aggregateId=" + order.productId());
        assertThat(texts(byAggregate.get("events"), "payloadType")).containsExactly(
                DashboardShop.StockReleased.class.getName(), DashboardShop.StockReserved.class.getName());
        JsonNode released = byAggregate.get("events").get(0);
        assertThat(released.get("aggregateType").asText()).isEqualTo("Product");
        assertThat(released.get("sequenceNumber").asLong()).isEqualTo(1);
        assertThat(released.get("payload").get("quantity").asInt()).isEqualTo(2);
        assertThat(released.get("metadata").get("correlationId").asText()).isEqualTo(order.correlationId());

        JsonNode byCorrelation = get("/v1/dashboard/events?correlationId=" + order.correlationId());
        assertThat(texts(byCorrelation.get("events"), "payloadType")).extracting(DashboardFixtureNames::simple)
                .containsExactly("StockReleased", "PaymentDeclined", "StockReserved", "OrderPlaced");
        List<Long> tokens = longs(byCorrelation.get("events"), "token");
        assertThat(tokens).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        JsonNode declined = get("/v1/dashboard/events?payloadType=PaymentDeclined&aggregateType=Payment&limit=1");
        assertThat(declined.get("events")).hasSize(1);
        assertThat(declined.get("events").get(0).get("payloadType").asText()).endsWith("PaymentDeclined");

        long head = byCorrelation.get("head").asLong();
        JsonNode tail = get("/v1/dashboard/events?after=" + head);
        assertThat(tail.get("events")).isEmpty();
    }

    @Test
    void refusesBadSearchParametersNamingTheField() {
        HttpResponse<String> badLimit = Http.get(fixture.url("/v1/dashboard/events?limit=0"));
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(read(badLimit.body()).get("field").asText()).isEqualTo("limit");

        HttpResponse<String> badTime = Http.get(fixture.url("/v1/dashboard/events?from=yesterday"));
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(read(badTime.body()).get("field").asText()).isEqualTo("from");

        HttpResponse<String> badState = Http.get(fixture.url("/v1/dashboard/sagas?state=HAPPY"));
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(read(badState.body()).get("field").asText()).isEqualTo("state");

        HttpResponse<String> notANumber = Http.get(fixture.url("/v1/dashboard/events?before=yesterday"));
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(read(notANumber.body()).get("field").asText()).isEqualTo("before");

        HttpResponse<String> noId = Http.get(fixture.url("/v1/dashboard/timeline"));
        assertThat(noId.statusCode()).isEqualTo(400);
        assertThat(read(noId.body()).get("field").asText()).isEqualTo("aggregateId");
    }

    @Test
    void showsAnAggregatesTimelineAcrossServicesInTimeOrderWithItsTrace() {
        JsonNode timeline = get("/v1/dashboard/timeline?aggregateId=" + order.orderId());
        assertThat(timeline.get("by").asText()).isEqualTo("aggregateId");

        List<String> names = new ArrayList<>();
        for (JsonNode entry : timeline.get("entries")) {
            names.add(entry.get("kind").asText() + " " + entry.get("name").asText());
        }
        assertThat(names).containsExactly("EVENT OrderPlaced",
                "COMMAND ReserveStock", "EVENT StockReserved",
                "COMMAND ProcessPayment", "EVENT PaymentDeclined",
                "COMMAND ReleaseStock", "EVENT StockReleased");
        JsonNode reserve = timeline.get("entries").get(1);
        assertThat(reserve.get("instance").asText()).isEqualTo("shop-1");
        assertThat(reserve.get("service").asText()).isEqualTo("shop");
        assertThat(reserve.get("result").asText()).isEqualTo("OK");
        assertThat(reserve.get("durationMillis").asDouble()).isPositive();

        // The first event's traceparent: one trace, linked to the trace viewer (default on loopback).
        assertThat(timeline.get("traces")).hasSize(1);
        assertThat(timeline.get("traces").get(0).get("traceId").asText()).isEqualTo(order.traceId());
        assertThat(timeline.get("traces").get(0).get("sampled").asBoolean()).isTrue();
        assertThat(timeline.get("traces").get(0).get("url").asText())
                .isEqualTo("http://127.0.0.1:9411/zipkin/traces/" + order.traceId());
        assertThat(timeline.get("entries").get(0).get("traceId").asText()).isEqualTo(order.traceId());

        JsonNode byCorrelation = get("/v1/dashboard/timeline?correlationId=" + order.correlationId());
        assertThat(byCorrelation.get("entries")).hasSize(7);
        assertThat(byCorrelation.get("traces")).hasSize(1);
    }

    @Test
    void showsNoTraceWhenNoEventCarriesATraceparent() {
        DashboardFixture.PlayedOrder untraced = fixture.placeCompensatedOrder(DashboardFixture.Trace.NONE);
        JsonNode timeline = get("/v1/dashboard/timeline?aggregateId=" + untraced.orderId());
        assertThat(timeline.get("entries")).hasSize(7);
        assertThat(timeline.get("traces")).isEmpty();
    }

    @Test
    void namesATraceTheSamplerLeftOutWithoutLinkingToTheViewer() {
        DashboardFixture.PlayedOrder unsampled = fixture.placeCompensatedOrder(DashboardFixture.Trace.NOT_SAMPLED);
        JsonNode timeline = get("/v1/dashboard/timeline?aggregateId=" + unsampled.orderId());
        assertThat(timeline.get("traces")).hasSize(1);
        JsonNode trace = timeline.get("traces").get(0);
        assertThat(trace.get("traceId").asText()).isEqualTo(unsampled.traceId());
        assertThat(trace.get("sampled").asBoolean()).isFalse();
        assertThat(trace.hasNonNull("url")).isFalse();
    }

    @Test
    void showsASubscribingProcessorAsSubscribingAndThreadsNotCapacity() {
        await().atMost(Duration.ofSeconds(30)).until(() -> processor(DashboardShop.POOLED).get("activeThreads").asInt() == 2);
        JsonNode subscribing = processor(DashboardShop.SUBSCRIBING);
        assertThat(subscribing.get("mode").asText()).isEqualTo("Subscribing");
        assertThat(subscribing.get("streaming").asBoolean()).isFalse();
        assertThat(subscribing.get("status").asText()).isEqualTo("subscribing");
        assertThat(subscribing.get("threads").asInt()).isZero();

        // Pooled: two claimed segments, two work packages; its capacity (32767 by default) is no thread count.
        JsonNode pooled = processor(DashboardShop.POOLED);
        assertThat(pooled.get("mode").asText()).isEqualTo("Pooled Streaming");
        assertThat(pooled.get("status").asText()).isEqualTo("running");
        assertThat(pooled.get("threads").asInt()).isEqualTo(2);
        assertThat(pooled.get("activeThreads").asInt() + pooled.get("availableThreads").asInt()).isGreaterThan(1000);
        assertThat(pooled.get("instances").get(0).get("threads").asInt()).isEqualTo(2);

        // Tracking: its pool, one thread by default.
        JsonNode tracking = processor(DashboardShop.PROCESSOR);
        assertThat(tracking.get("mode").asText()).isEqualTo("Tracking");
        assertThat(tracking.get("threads").asInt()).isEqualTo(1);
    }

    @Test
    void requiresACredentialForTheApiAndNotForThePages() {
        HttpResponse<String> without = Http.get(fixture.url("/v1/dashboard/overview"), Http.anonymous());
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(read(without.body()).get("errorCode").asText()).isEqualTo("AXONIQ-1000");
        assertThat(Http.get(fixture.url("/v1/dashboard/events"), "AxonIQ-Access-Token", "wrong").statusCode())
                .isEqualTo(401);
        assertThat(Http.get(fixture.url("/v1/dashboard/overview")).statusCode()).isEqualTo(200);
        HttpResponse<String> page = Http.get(fixture.url("/dashboard/index.html"), Http.anonymous());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sagashop hub").contains("/inspection/inspection.js");
        // The saga pages' scripts and styles come from saga-inspection-web and hold no data.
        HttpResponse<String> script = Http.get(fixture.url("/inspection/inspection.js"), Http.anonymous());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("SagaInspection");
        assertThat(Http.get(fixture.url("/inspection/inspection.css"), Http.anonymous()).statusCode()).isEqualTo(200);
        assertThat(Http.get(fixture.url("/v1/dashboard/saga-types"), Http.anonymous()).statusCode()).isEqualTo(401);
    }

    // ---- helpers

    private static JsonNode processor() {
        return processor(DashboardShop.PROCESSOR);
    }

    private static JsonNode processor(String name) {
        JsonNode components = get("/v1/dashboard/processors");
        JsonNode shop = find(components, "component", "shop");
        return find(shop.get("processors"), "name", name);
    }

    private static Long segmentLag() {
        JsonNode segments = processor().get("segments");
        if (segments.isEmpty() || segments.get(0).get("lag").isNull()) {
            return null;
        }
        return StreamSupport.stream(segments.spliterator(), false).mapToLong(s -> s.get("lag").asLong()).max().orElse(0);
    }

    private static long commandCount(String name, String field) {
        JsonNode commands = get("/v1/dashboard/commands");
        for (JsonNode command : commands) {
            if (command.get("name").asText().equals(name)) {
                return command.get(field).asLong();
            }
        }
        return 0;
    }

    static JsonNode get(String path) {
        HttpResponse<String> response = Http.get(fixture.url(path));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return read(response.body());
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.get(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("No element with " + field + "=" + value + " in " + array);
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> result = new ArrayList<>();
        array.forEach(n -> result.add(n.get(field).asText()));
        return result;
    }

    private static List<Long> longs(JsonNode array, String field) {
        List<Long> result = new ArrayList<>();
        array.forEach(n -> result.add(n.get(field).asLong()));
        return result;
    }

    /** Simple names of payload types. */
    static final class DashboardFixtureNames {
        static String simple(String type) {
            return type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
        }
    }
}
