package io.sagashop.order.saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.sagashop.order.api.OrderCancellationRequested;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import io.sagashop.payment.api.PaymentRefunded;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * The cancellation saga: what happens to an order after its placement saga ({@link OrderSaga}).
 *
 * <ul>
 *   <li>{@code OrderCancellationRequested} of a CONFIRMED order → REFUNDING: refund (unless the
 *       payment was refunded already), return every line's stock, record the refund, cancel the order.</li>
 *   <li>{@code PaymentRefunded} it did not ask for (a capture after a void, refunded by the payment
 *       service; an operator's refund) → RECORDING_REFUND: the refund is recorded on the order. A
 *       CONFIRMED order then asks for its own cancellation, which starts the saga above.</li>
 *   <li>{@code OrderCancellationRequested} before confirmation is the placement saga's, unless none
 *       is active for the order (an operator ended it): then → CANCELLING, everything released and
 *       voided, the order cancelled.</li>
 * </ul>
 *
 * Same processing group as the placement saga: Axon 4 runs both saga types in one processor, so
 * both see the order's events in the same order, under the same token, segments and error handling.
 */
@Saga
@ProcessingGroup(OrderSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public class OrderCancellationSaga extends StepSaga {

    /** This saga type's name in saga inspection. */
    public static final String TYPE = "OrderCancellationSaga";

    /** For Axon, which creates sagas reflectively from another package. */
    public OrderCancellationSaga() {
        // state arrives with the first event
    }

    @Override
    String sagaType() {
        return TYPE;
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderCancellationRequested event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines,
            SagaResources resources) {
        begin(at, gateway, deadlines, resources);
        boolean confirmed = event.statusAtRequest() == OrderStatus.CONFIRMED;
        if (orderId != null) {
            // Still recording an outside refund of this (confirmed) order: the cancellation it
            // caused is this saga's next step. Anything else is a cancellation under way already.
            boolean takeOver = step == SagaStep.RECORDING_REFUND && confirmed && event.lines() != null;
            apply(event, takeOver ? null : "a cancellation is under way already, ignored", () -> {
                cancellationReason = reasonOf(event);
                refundRecorded = refundRecorded || event.paymentRefunded();
                event.lines().forEach(line -> put(line, LineStatus.COMMITTED));
                enter(SagaStep.REFUNDING);
            });
            return;
        }
        if (!confirmed && resources.journal().activeSagaFor(event.orderId().toString())) {
            // The placement saga handles it; this instance is never stored and leaves no trace.
            SagaLifecycle.end();
            return;
        }
        orderId = event.orderId().toString();
        customerId = event.customerId();
        cancellationReason = reasonOf(event);
        paymentId = OrderSaga.paymentIdFor(orderId).toString();
        SagaLifecycle.associateWith(PAYMENT_ID, paymentId);
        started(null);
        if (event.lines() == null) {
            // Requested before OrderCancellationRequested carried the lines: nothing to restock from here.
            apply(event, "the event carries no lines: nothing to do", null);
            finish(io.sagashop.inspection.api.SagaState.COMPLETED);
            return;
        }
        apply(event, null, () -> {
            if (confirmed) {
                event.lines().forEach(line -> put(line, LineStatus.COMMITTED));
                payment = event.paymentRefunded() ? PaymentStage.REFUNDED : PaymentStage.CAPTURED;
                refundRecorded = event.paymentRefunded();
                note(SagaTimelineEntryKind.COMPENSATION, null, payment == PaymentStage.REFUNDED
                        ? "the payment was refunded already: return the stock" : "cancelled after capture: refund and return the stock");
                enter(SagaStep.REFUNDING);
            } else {
                // No placement saga is running (an operator ended it): give back whatever may be held.
                event.lines().forEach(line -> put(line, LineStatus.ABANDONED));
                payment = PaymentStage.REQUESTED;
                note(SagaTimelineEntryKind.COMPENSATION, null, "no saga was running: release everything and void");
                enter(SagaStep.CANCELLING);
            }
        });
    }

    /** Starts the saga for a refund nobody asked this saga for; in a running cancellation it is the refund's answer. */
    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentRefunded event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        begin(at, gateway, deadlines, resources);
        if (orderId != null) {
            apply(event, payment == PaymentStage.REFUNDED ? DUPLICATE : null, () -> payment = PaymentStage.REFUNDED);
            return;
        }
        orderId = event.orderId();
        paymentId = event.paymentId().toString();
        payment = PaymentStage.REFUNDED;
        total = event.amount();
        currency = event.currency();
        started(null);
        apply(event, null, () -> enter(SagaStep.RECORDING_REFUND));
    }

    private static String reasonOf(OrderCancellationRequested event) {
        return event.reason() == null || event.reason().isBlank() ? "cancelled by " + event.requestedBy() : event.reason();
    }

    private void put(OrderLine line, LineStatus status) {
        lines.put(line.productId().toString(), new SagaLine(line.productId().toString(), line.quantity(), status));
    }
}
