package io.sagashop.hub.dashboard;

import static org.awaitility.Awaitility.await;

import io.sagashop.hub.platform.Http;
import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One hub with three real Axon applications, shared by the dashboard's API and browser tests
 * (started once per JVM, stopped when it exits): {@code toys} and {@code boats} answer the saga
 * inspection protocol for one saga type each ({@link ToySagas}), and {@code toys} sends commands
 * that {@code shop} handles, storing events. {@link #placeCompensatedOrder(Trace)} plays a
 * compensated order through both: OrderPlaced, ReserveStock → StockReserved, ProcessPayment →
 * PaymentDeclined, ReleaseStock → StockReleased, all under one correlation id.
 */
final class DashboardFixture {

    /** What one played order left behind; {@code traceId} null when it was not traced. */
    record PlayedOrder(String orderId, String correlationId, String productId, String paymentId, String traceId) {
    }

    private static DashboardFixture instance;

    final TestHub hub;
    final ConfigurableApplicationContext toysApp;
    final ConfigurableApplicationContext boatsApp;
    final ConfigurableApplicationContext shopApp;

    private DashboardFixture() {
        hub = TestHub.start(Map.of("hub.dashboard.rate-window", "3s"));
        shopApp = TestClient.start(hub, "shop", "shop-1", DashboardShop.SETTINGS, DashboardShop.class);
        toysApp = TestClient.start(hub, "toys", "toys-1", ToySagas.Toys.class);
        boatsApp = TestClient.start(hub, "boats", "boats-1", ToySagas.Boats.class);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.get(hub.httpUrl() + "/v1/dashboard/overview").body().contains("toys-1")
                        && Http.get(hub.httpUrl() + "/v1/dashboard/overview").body().contains("boats-1")
                        && Http.get(hub.httpUrl() + "/v1/dashboard/processors").body().contains(DashboardShop.PROCESSOR)
                        && Http.get(hub.httpUrl() + "/v1/dashboard/saga-types").body().contains(ToySagas.BOAT));
    }

    static synchronized DashboardFixture get() {
        if (instance == null) {
            instance = new DashboardFixture();
            DashboardFixture started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return instance;
    }

    String url(String path) {
        return hub.httpUrl() + path;
    }

    /** Whether an order's first event carries a traceparent, and whether its trace was sampled. */
    enum Trace { NONE, SAMPLED, NOT_SAMPLED }

    /**
     * Plays a compensated order through the hub; returns once every command was handled. Traced, its
     * first event carries a W3C {@code traceparent}, as Axon's OpenTelemetry tracing writes it, with the
     * sampled flag set or not.
     */
    PlayedOrder placeCompensatedOrder(Trace trace) {
        boolean traced = trace != Trace.NONE;
        String orderId = "order-" + UUID.randomUUID();
        String correlationId = UUID.randomUUID().toString();
        String productId = "product-" + UUID.randomUUID();
        String paymentId = "payment-" + UUID.randomUUID();
        MetaData correlation = MetaData.with("correlationId", correlationId);
        String traceId = traced ? UUID.randomUUID().toString().replace("-", "") : null;
        MetaData placed = traced ? correlation.and("traceparent",
                "00-" + traceId + "-00f067aa0ba902b7-" + (trace == Trace.SAMPLED ? "01" : "00")) : correlation;
        toysApp.getBean(EventStore.class).publish(new GenericDomainEventMessage<>("Order", orderId, 0,
                new DashboardShop.OrderPlaced(orderId, "customer-1"), placed));
        CommandGateway commands = toysApp.getBean(CommandGateway.class);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new DashboardShop.ReserveStock(orderId, productId, 2))
                .withMetaData(correlation));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new DashboardShop.ProcessPayment(orderId, paymentId))
                .withMetaData(correlation));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new DashboardShop.ReleaseStock(orderId, productId, 2))
                .withMetaData(correlation));
        return new PlayedOrder(orderId, correlationId, productId, paymentId, traceId);
    }

    private void close() {
        toysApp.close();
        boatsApp.close();
        shopApp.close();
        hub.close();
    }
}
