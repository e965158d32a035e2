package io.sagashop.order.saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.sagashop.catalog.api.StockRejectionReason;
import io.sagashop.catalog.api.StockReservationRejected;
import io.sagashop.catalog.api.StockReserved;
import io.sagashop.order.api.OrderCancellationRequested;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderPlaced;
import io.sagashop.order.api.OrderRejected;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.inspection.api.SagaTimelineEntryKind;
import io.sagashop.payment.api.PaymentCaptured;
import io.sagashop.payment.api.PaymentDeclined;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentRefunded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * The placement saga: {@code OrderPlaced → RESERVING_STOCK → AWAITING_PAYMENT → CONFIRMING}, or
 * {@code COMPENSATING} / {@code CANCELLING} (a cancellation before confirmation). Its steps are
 * rows of {@link StepTable}, run by {@link StepSaga}; the handlers here only say what each answer
 * means. The class keeps its name (and its fields their names) so that sagas stored by earlier
 * versions load: those in REFUNDING or RECORDING_REFUND (cancellations and refunds were once handled
 * by this class) finish on the same rows the cancellation saga runs.
 *
 * <p>A cancellation while CONFIRMING is not this saga's: the order, once confirmed, asks for its
 * cancellation again, and {@link OrderCancellationSaga} refunds and restocks.
 */
@Saga
@ProcessingGroup(OrderSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public class OrderSaga extends StepSaga {

    /** This saga type's name in saga inspection. */
    public static final String TYPE = "OrderSaga";

    /** Both order sagas' processing group (Axon 4 runs several saga types in one processor). */
    static final String PROCESSING_GROUP = "order-saga";

    /** For Axon, which creates sagas reflectively from another package (hence public, unlike the rest of this package). */
    public OrderSaga() {
        // state arrives with the first event
    }

    @Override
    String sagaType() {
        return TYPE;
    }

    /**
     * The payment id for an order: derived, so that a resent RequestPayment is the same payment.
     * A name-based (MD5) UUID of the order id; when the order id is time-ordered (a version 7
     * UUID, see the platform's TimeOrderedIdentifierFactory) its first 48 bits, the millisecond,
     * replace the hash's and the version says 8 (RFC 9562's own layout), so payments too are keyed
     * in time order. Orders with other ids (placed before, or by another factory) keep the plain
     * name-based id they always had.
     */
    static PaymentId paymentIdFor(String orderId) {
        UUID named = UUID.nameUUIDFromBytes(("sagashop-order-payment:" + orderId).getBytes(StandardCharsets.UTF_8));
        UUID order = uuidOrNull(orderId);
        if (order == null || order.version() != 7) {
            return PaymentId.of(named.toString());
        }
        long timeOfOrder = order.getMostSignificantBits() & 0xFFFF_FFFF_FFFF_0000L;
        long high = timeOfOrder | 0x8000L | named.getMostSignificantBits() & 0x0FFFL;
        return PaymentId.of(new UUID(high, named.getLeastSignificantBits()).toString());
    }

    private static UUID uuidOrNull(String text) {
        try {
            return text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderPlaced event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        begin(at, gateway, deadlines, resources);
        if (orderId != null) {
            apply(event, "duplicate, ignored", null);
            return;
        }
        orderId = event.orderId().toString();
        if (resources.journal().otherSagaFor(orderId, sagaId)) {
            // Delivered again after its saga ended (a replay), or cancelled by a cancellation saga
            // before this one started: the order was handled already.
            started(null);
            apply(event, "this order was handled by an earlier saga, ignored", null);
            finish(SagaState.COMPLETED);
            return;
        }
        customerId = event.customerId();
        total = event.total();
        currency = event.currency();
        paymentMethod = event.paymentMethod();
        for (OrderLine line : event.lines()) {
            lines.put(line.productId().toString(), new SagaLine(line.productId().toString(), line.quantity(), LineStatus.PENDING));
        }
        started(now().plus(resources.settings().deadline()));
        apply(event, null, () -> {
            setOrderDeadline();
            enter(SagaStep.RESERVING_STOCK);
        });
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(StockReserved event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        String product = event.productId().toString();
        handle(event, at, gateway, deadlines, resources, unanswered(product) ? null : DUPLICATE, () -> {
            if (decided()) {
                note(SagaTimelineEntryKind.COMPENSATION, "ReleaseStock", "reservation of " + product
                        + " arrived after the decision: released at once");
                line(product, LineStatus.RELEASING);
            } else {
                line(product, LineStatus.RESERVED);
            }
        });
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(StockReservationRejected event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines,
            SagaResources resources) {
        String product = event.productId().toString();
        handle(event, at, gateway, deadlines, resources, unanswered(product) ? null : DUPLICATE, () -> {
            line(product, LineStatus.REJECTED);
            if (step == SagaStep.RESERVING_STOCK) {
                fail(event.reason() == StockRejectionReason.INSUFFICIENT_STOCK ? RejectionReason.OUT_OF_STOCK
                        : RejectionReason.PRODUCT_UNAVAILABLE,
                        "product " + product + ": " + event.reason() + " (" + event.quantity() + " wanted)");
            }
        });
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentCaptured event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        boolean expected = payment == PaymentStage.REQUESTED || payment == PaymentStage.VOIDED;
        handle(event, at, gateway, deadlines, resources, expected ? null : DUPLICATE, () -> {
            if (decided()) {
                // The payment service refunds a capture that follows a void by itself, but the
                // CancelPayment may also have reached it before the payment existed: the table
                // sends RefundPayment (idempotent there) for a captured payment in a compensation.
                note(SagaTimelineEntryKind.COMPENSATION, "RefundPayment", "captured after the saga decided to compensate: refund");
            }
            payment = PaymentStage.CAPTURED;
        });
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentDeclined event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        handle(event, at, gateway, deadlines, resources, payment == PaymentStage.REQUESTED ? null : DUPLICATE, () -> {
            payment = PaymentStage.DECLINED;
            if (step == SagaStep.AWAITING_PAYMENT) {
                fail(RejectionReason.PAYMENT_DECLINED, "payment declined by " + event.gateway() + ": " + event.reason());
            }
        });
    }

    /** A refund of this order's payment (asked for by the compensation, or made by the payment service itself). It is recorded on the order by the cancellation saga it starts. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentRefunded event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        handle(event, at, gateway, deadlines, resources, payment == PaymentStage.REFUNDED ? DUPLICATE : null, () -> {
            payment = PaymentStage.REFUNDED;
            if (paymentId == null) {
                paymentId = event.paymentId().toString();
            }
        });
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderConfirmed event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        handle(event, at, gateway, deadlines, resources, step == SagaStep.CONFIRMING && !orderConfirmed ? null : DUPLICATE,
                () -> orderConfirmed = true);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderRejected event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        handle(event, at, gateway, deadlines, resources, step == SagaStep.COMPENSATING && !orderRejected ? null : DUPLICATE,
                () -> orderRejected = true);
    }

    /** Before confirmation the cancellation is this saga's: it gives back what is held, then cancels the order. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderCancellationRequested event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines,
            SagaResources resources) {
        String ignored = null;
        if (step == SagaStep.CONFIRMING) {
            ignored = "the order is being confirmed: once confirmed it asks for its cancellation again, for the cancellation saga";
        } else if (step != null && !StepTable.of(step).forward()) {
            ignored = "the saga already compensates (" + step + "), ignored";
        }
        handle(event, at, gateway, deadlines, resources, ignored, () -> {
            cancellationReason = event.reason() == null || event.reason().isBlank()
                    ? "cancelled by " + event.requestedBy() : event.reason();
            note(SagaTimelineEntryKind.COMPENSATION, null, "cancelled by " + event.requestedBy() + " before capture: void and release");
            enter(SagaStep.CANCELLING);
        });
    }

    @DeadlineHandler(deadlineName = ORDER_DEADLINE)
    void on(OrderDeadline deadline, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        begin(deadline.dueAt(), gateway, deadlines, resources);
        if (!orderDeadlineFired(deadline)) {
            return;
        }
        if (StepTable.of(step).forward()) {
            fail(RejectionReason.DEADLINE_PASSED, "no outcome within " + resources.settings().deadline().toSeconds()
                    + " s (step " + step + ")");
        } else if (step == SagaStep.COMPENSATING || step == SagaStep.CANCELLING) {
            // Stop waiting for reservations nobody answered; they are released just in case.
            replaceLines(LineStatus.PENDING, LineStatus.ABANDONED);
        }
        advanceAndProgress();
    }

    /** A line whose reservation is still unanswered (or was given up at the deadline). */
    private boolean unanswered(String product) {
        return lineIs(product, LineStatus.PENDING) || lineIs(product, LineStatus.ABANDONED);
    }

    /** The saga decided to give back what it holds. */
    private boolean decided() {
        return step == SagaStep.COMPENSATING || step == SagaStep.CANCELLING || step == SagaStep.REFUNDING || step == SagaStep.DONE;
    }
}
