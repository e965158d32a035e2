package io.sagashop.order.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.order.OrderApplication;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderRejected;
import io.sagashop.order.api.PlaceOrder;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import io.sagashop.inspection.api.SagaTimelineEntryView;
import io.sagashop.order.api.ShippingAddress;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.platform.test.ServiceTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * No catalog is connected: the hub answers ReserveStock with "no handler". The saga records the
 * failure, retries on persistent retry deadlines (scheduled from the command callback on the
 * saga's scope) until the order deadline, then compensates.
 */
@ServiceTest(classes = OrderApplication.class, properties = {
        "sagashop.order.deadline=6s",
        "sagashop.order.retry.initial-backoff=300ms",
        "sagashop.order.retry.max-backoff=1s"})
class ParticipantDownTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    EventStore eventStore;

    @Test
    void anUndeliverableReservationIsRetriedUntilTheDeadlineThenTheOrderIsRejected() {
        OrderId order = OrderId.generate();
        commands.sendAndWait(new PlaceOrder(order, "customer-down",
                List.of(new OrderLine(ProductId.of("p-" + order), "SKU-1", "Kettle", 1, new BigDecimal("20.00"))),
                "EUR", PaymentMethod.card("4242424242424242"), new ShippingAddress("Ada", "Main St 1", "1000", "Brussels", "BE")));

        SagaDetailView saga = await().atMost(Duration.ofSeconds(90)).until(() -> io.sagashop.order.OrderSagas.latest(queries, order).orElse(null),
                view -> view != null && view.summary().state() == SagaState.COMPENSATED);

        // The saga ends in the handling that sends RejectOrder; the order may take a moment longer.
        List<OrderRejected> rejected = await().atMost(Duration.ofSeconds(30)).until(() -> eventStore.readEvents(order.toString())
                .asStream().map(DomainEventMessage::getPayload)
                .filter(OrderRejected.class::isInstance).map(OrderRejected.class::cast).toList(), found -> !found.isEmpty());
        assertThat(rejected).singleElement().satisfies(event -> assertThat(event.reason()).isEqualTo(RejectionReason.DEADLINE_PASSED));
        List<SagaTimelineEntryView> failures = saga.timeline().stream()
                .filter(entry -> entry.kind() == SagaTimelineEntryKind.COMMAND_FAILED && "ReserveStock".equals(entry.messageName()))
                .toList();
        assertThat(failures).as("the first attempt and at least two retries failed").hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(entry -> assertThat(entry.detail()).startsWith("UNDELIVERABLE"));
        assertThat(saga.timeline()).filteredOn(entry -> entry.kind() == SagaTimelineEntryKind.DEADLINE_FIRED
                && "step-deadline".equals(entry.messageName())).hasSizeGreaterThanOrEqualTo(2);
        assertThat(saga.timeline()).filteredOn(entry -> entry.kind() == SagaTimelineEntryKind.DEADLINE_FIRED)
                .extracting(SagaTimelineEntryView::messageName).contains("order-deadline");
    }
}
