package io.sagashop.order.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.order.OrderApplication;
import io.sagashop.order.SimulatedCatalog;
import io.sagashop.order.SimulatedParticipants;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderRejected;
import io.sagashop.order.api.PlaceOrder;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.order.api.ShippingAddress;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.platform.test.ServiceTestInitializer;
import io.sagashop.platform.test.TestDatabase;
import io.sagashop.platform.test.TestHub;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service stops while an order deadline is pending (the catalog never answers); a new
 * instance on the same schema finds the deadline in db-scheduler's table, loads the saga from
 * the saga store (both through Jackson) and compensates: the order ends REJECTED(DEADLINE_PASSED).
 */
class OrderSagaRestartTest {

    private static final Duration ORDER_DEADLINE = Duration.ofSeconds(20);

    private String schema;
    private Map<String, Object> settings;

    @BeforeEach
    void freshSchema() {
        schema = TestDatabase.createSchema("order_restart");
        settings = new HashMap<>(ServiceTestInitializer.properties(schema, "order-saga"));
        // A fresh token store replays the hub's whole store: only this test's order may be in it.
        TestHub.purgeEvents();
        settings.put("server.port", "0");
        settings.put("sagashop.order.deadline", ORDER_DEADLINE.toSeconds() + "s");
        // No step deadline before the order deadline: its resend would reach the second
        // instance's empty simulated catalog and reject the order as unavailable first.
        settings.put("sagashop.order.retry.initial-backoff", ORDER_DEADLINE.multipliedBy(6).toSeconds() + "s");
        settings.put("sagashop.order.retry.max-backoff", ORDER_DEADLINE.multipliedBy(6).toSeconds() + "s");
    }

    @AfterEach
    void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void anOrderDeadlinePendingWhenTheServiceStopsFiresAfterTheRestart() {
        OrderId order = OrderId.generate();

        try (ConfigurableApplicationContext first = start()) {
            // The first instance's catalog holds the reservation without answering; the second
            // instance's simulated catalog starts empty and only gets the release sent just in case.
            SimulatedCatalog catalog = first.getBean(SimulatedCatalog.class);
            catalog.silence(catalog.product(ProductId.of("silent-" + order), "Never answered", "9.99", 5));
            first.getBean(CommandGateway.class).sendAndWait(new PlaceOrder(order, "customer-restart",
                    List.of(new OrderLine(ProductId.of("silent-" + order), "SKU-S", "Never answered", 1, new BigDecimal("9.99"))),
                    "EUR", PaymentMethod.card("4242424242424242"), new ShippingAddress("Ada", "Main St 1", "1000", "Brussels", "BE")));
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'AxonDeadline'", Integer.class) > 0);
            assertThat(saga(first, order)).hasValueSatisfying(saga -> {
                assertThat(saga.summary().state()).isEqualTo(SagaState.ACTIVE);
                assertThat(saga.summary().currentStep()).isEqualTo("RESERVING_STOCK");
            });
            assertThat(rejections(first, order)).as("not rejected before the stop").isEmpty();
        }

        try (ConfigurableApplicationContext second = start()) {
            List<OrderRejected> rejected = await().atMost(ORDER_DEADLINE.plusSeconds(90))
                    .until(() -> rejections(second, order), found -> !found.isEmpty());
            assertThat(rejected).singleElement().satisfies(event -> assertThat(event.reason()).isEqualTo(RejectionReason.DEADLINE_PASSED));
            SagaDetailView saga = await().atMost(Duration.ofSeconds(30)).until(() -> saga(second, order).orElse(null),
                    view -> view != null && view.summary().state() == SagaState.COMPENSATED);
            assertThat(saga.timeline()).anySatisfy(entry -> assertThat(entry.messageName()).isEqualTo("order-deadline"));
        }
    }

    /**
     * A new token store gets {@code saga-segments} segments (one by default), but an existing one
     * keeps its own: a shop whose store was made with four (the earlier default) or split since
     * must still have every segment worked on, or the sagas of three of them would never move.
     */
    @Test
    void aStoreMadeWithMoreSegmentsThanConfiguredIsWorkedOnInFull() {
        settings.put("sagashop.order.saga-segments", "4");
        try (ConfigurableApplicationContext first = start()) {
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> claimedSagaSegments(jdbc) == 4);
        }
        settings.put("sagashop.order.saga-segments", "1");
        try (ConfigurableApplicationContext second = start()) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> claimedSagaSegments(jdbc) == 4);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM token_entry WHERE processor_name = 'order-saga'",
                    Integer.class)).as("segments in the store").isEqualTo(4);
        }
    }

    private static int claimedSagaSegments(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM token_entry WHERE processor_name = 'order-saga'"
                + " AND owner IS NOT NULL", Integer.class);
    }

    private ConfigurableApplicationContext start() {
        // Added first, so that the test's schema and hub win over application.yml.
        return new SpringApplicationBuilder(OrderApplication.class, SimulatedParticipants.class)
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("restartTest", settings)))
                .run();
    }

    private static Optional<SagaDetailView> saga(ConfigurableApplicationContext context, OrderId order) {
        return io.sagashop.order.OrderSagas.latest(context.getBean(QueryGateway.class), order);
    }

    private static List<OrderRejected> rejections(ConfigurableApplicationContext context, OrderId order) {
        return context.getBean(EventStore.class).readEvents(order.toString()).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(OrderRejected.class::isInstance).map(OrderRejected.class::cast).toList();
    }
}
