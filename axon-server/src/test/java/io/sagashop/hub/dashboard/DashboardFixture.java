package io.sagashop.hub.dashboard;

import static org.awaitility.Awaitility.await;

import io.sagashop.hub.platform.Http;
import io.sagashop.hub.testing.TestClient;
import io.sagashop.hub.testing.TestHub;
import io.sagashop.hub.testing.TestOrderService;
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
 * One hub with two real Axon applications, shared by the dashboard's API and browser tests
 * (started once per JVM, stopped when it exits): {@code order-saga} answers the saga queries
 * ({@link TestOrderService}) and sends commands, {@code shop} handles them and stores events.
 * {@link #placeCompensatedOrder()} plays a compensated order through both: OrderPlaced,
 * ReserveStock → StockReserved, ProcessPayment → PaymentDeclined, ReleaseStock → StockReleased,
 * all under one correlation id.
 */
final class DashboardFixture {

    /** What one played order left behind. */
    record PlayedOrder(String orderId, String correlationId, String productId, String paymentId) {
    }

    private static DashboardFixture instance;

    final TestHub hub;
    final ConfigurableApplicationContext orderApp;
    final ConfigurableApplicationContext shopApp;

    private DashboardFixture() {
        hub = TestHub.start(Map.of("hub.dashboard.rate-window", "3s"));
        shopApp = TestClient.start(hub, "shop", "shop-1", DashboardShop.class);
        orderApp = TestClient.start(hub, "order-saga", "order-saga-1", TestOrderService.class);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Http.get(hub.httpUrl() + "/v1/dashboard/overview").body().contains("order-saga-1")
                        && Http.get(hub.httpUrl() + "/v1/dashboard/processors").body().contains(DashboardShop.PROCESSOR));
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

    /** Plays a compensated order through the hub; returns once every command was handled. */
    PlayedOrder placeCompensatedOrder() {
        String orderId = "order-" + UUID.randomUUID();
        String correlationId = UUID.randomUUID().toString();
        String productId = "product-" + UUID.randomUUID();
        String paymentId = "payment-" + UUID.randomUUID();
        MetaData correlation = MetaData.with("correlationId", correlationId);
        orderApp.getBean(EventStore.class).publish(new GenericDomainEventMessage<>("Order", orderId, 0,
                new DashboardShop.OrderPlaced(orderId, "customer-1"), correlation));
        CommandGateway commands = orderApp.getBean(CommandGateway.class);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new DashboardShop.ReserveStock(orderId, productId, 2))
                .withMetaData(correlation));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new DashboardShop.ProcessPayment(orderId, paymentId))
                .withMetaData(correlation));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new DashboardShop.ReleaseStock(orderId, productId, 2))
                .withMetaData(correlation));
        return new PlayedOrder(orderId, correlationId, productId, paymentId);
    }

    private void close() {
        orderApp.close();
        shopApp.close();
        hub.close();
    }
}
