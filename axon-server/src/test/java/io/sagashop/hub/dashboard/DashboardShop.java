package io.sagashop.hub.dashboard;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A small catalog-and-payment stand-in for the dashboard tests: handles the commands an order
 * saga sends and stores the events those cause in the hub, carrying the {@code correlationId}
 * along as Sagashop's platform does, and runs a tracking processor for the processor page.
 */
@Configuration(proxyBeanMethods = false)
class DashboardShop {

    static final String PROCESSOR = "dashboard-tracker";
    static final String SUBSCRIBING = "dashboard-subscriber";
    static final String POOLED = "dashboard-pooled";
    /** The shop's processors: {@link #PROCESSOR} tracking (one thread), one subscribing, one pooled of two segments. */
    static final Map<String, Object> SETTINGS = Map.of(
            "axon.eventhandling.processors." + PROCESSOR + ".mode", "tracking",
            "axon.eventhandling.processors." + SUBSCRIBING + ".mode", "subscribing",
            "axon.eventhandling.processors." + POOLED + ".mode", "pooled",
            "axon.eventhandling.processors." + POOLED + ".initial-segment-count", "2");
    /** Events the tracking processor handled. */
    static final Queue<Object> TRACKED = new ConcurrentLinkedQueue<>();

    public record OrderPlaced(String orderId, String customerId) {
    }

    public record ReserveStock(@TargetAggregateIdentifier String orderId, String productId, int quantity) {
    }

    public record StockReserved(String orderId, String productId, int quantity) {
    }

    public record ProcessPayment(@TargetAggregateIdentifier String orderId, String paymentId) {
    }

    public record PaymentDeclined(String orderId, String paymentId, String reason) {
    }

    public record ReleaseStock(@TargetAggregateIdentifier String orderId, String productId, int quantity) {
    }

    public record StockReleased(String orderId, String productId, int quantity) {
    }

    /** Carries correlationId and traceId onto every message a handler causes, as the platform's provider does. */
    @Bean
    CorrelationDataProvider correlationIds() {
        return new SimpleCorrelationDataProvider("correlationId", "traceId");
    }

    @Bean
    Handlers shopHandlers(ObjectProvider<EventStore> events) {
        return new Handlers(events);
    }

    @Bean
    Tracker tracker() {
        return new Tracker();
    }

    @Bean
    Subscriber subscriber() {
        return new Subscriber();
    }

    @Bean
    Pooled pooled() {
        return new Pooled();
    }

    static class Handlers {

        // Looked up when first needed: Axon creates its event store after the handler beans.
        private final ObjectProvider<EventStore> events;
        private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

        Handlers(ObjectProvider<EventStore> events) {
            this.events = events;
        }

        @CommandHandler
        public void handle(ReserveStock command, @MetaDataValue("correlationId") String correlationId) {
            publish("Product", command.productId(), new StockReserved(command.orderId(), command.productId(),
                    command.quantity()), correlationId);
        }

        @CommandHandler
        public void handle(ProcessPayment command, @MetaDataValue("correlationId") String correlationId) {
            if (command.paymentId().startsWith("broken")) {
                throw new IllegalStateException("Payment provider unreachable for " + command.paymentId());
            }
            publish("Payment", command.paymentId(), new PaymentDeclined(command.orderId(), command.paymentId(),
                    "insufficient funds"), correlationId);
        }

        @CommandHandler
        public void handle(ReleaseStock command, @MetaDataValue("correlationId") String correlationId) {
            publish("Product", command.productId(), new StockReleased(command.orderId(), command.productId(),
                    command.quantity()), correlationId);
        }

        private void publish(String type, String id, Object payload, String correlationId) {
            long sequence = sequences.computeIfAbsent(id, k -> new AtomicLong()).getAndIncrement();
            events.getObject().publish(new GenericDomainEventMessage<>(type, id, sequence, payload,
                    MetaData.with("correlationId", correlationId)));
        }
    }

    @ProcessingGroup(SUBSCRIBING)
    static class Subscriber {

        @EventHandler
        public void on(StockReserved event) {
            // present only so that the processor exists
        }
    }

    @ProcessingGroup(POOLED)
    static class Pooled {

        @EventHandler
        public void on(StockReleased event) {
            // present only so that the processor exists
        }
    }

    @ProcessingGroup(PROCESSOR)
    static class Tracker {

        @EventHandler
        public void on(Object event) {
            TRACKED.add(event);
        }
    }
}
