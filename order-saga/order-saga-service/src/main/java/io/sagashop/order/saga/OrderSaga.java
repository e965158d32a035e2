package io.sagashop.order.saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.sagashop.catalog.api.CommitStock;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ReleaseStock;
import io.sagashop.catalog.api.ReserveStock;
import io.sagashop.catalog.api.ReturnStock;
import io.sagashop.catalog.api.StockCommitted;
import io.sagashop.catalog.api.StockRejectionReason;
import io.sagashop.catalog.api.StockReleased;
import io.sagashop.catalog.api.StockReservationRejected;
import io.sagashop.catalog.api.StockReserved;
import io.sagashop.catalog.api.StockReturned;
import io.sagashop.order.api.CancelOrder;
import io.sagashop.order.api.ConfirmOrder;
import io.sagashop.order.api.MarkOrderPaymentPending;
import io.sagashop.order.api.MarkOrderStockReserved;
import io.sagashop.order.api.OrderCancellationRequested;
import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderCompensationRequested;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderPlaced;
import io.sagashop.order.api.OrderRefunded;
import io.sagashop.order.api.OrderRejected;
import io.sagashop.order.api.OrderSagaEndRequested;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderStepRetryRequested;
import io.sagashop.order.api.RecordOrderRefund;
import io.sagashop.order.api.RejectOrder;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.order.api.SagaState;
import io.sagashop.order.api.SagaTimelineEntryKind;
import io.sagashop.payment.api.CancelPayment;
import io.sagashop.payment.api.PaymentCaptured;
import io.sagashop.payment.api.PaymentDeclined;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentRefunded;
import io.sagashop.payment.api.PaymentVoided;
import io.sagashop.payment.api.RefundPayment;
import io.sagashop.payment.api.RequestPayment;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.Scope;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Coordinates one order across catalog and payment (docs/saga.md, "Invariants"), and compensates when a step
 * fails so that order, payment and stock agree.
 *
 * <pre>
 * forward step                    participant  compensation when a later step fails
 * ------------------------------  -----------  -------------------------------------------------
 * OrderPlaced: ReserveStock/line  catalog      ReleaseStock for every reserved line
 *   (+ the order deadline)                     (a reservation answered after the decision: released at once)
 * all StockReserved: RequestPayment payment    CancelPayment (void; refund if it was captured)
 *   + MarkOrderStockReserved, MarkOrderPaymentPending (order)
 * PaymentCaptured: CommitStock/line catalog    after confirmation only by the customer's cancellation:
 *   + ConfirmOrder (order)                     RefundPayment + ReturnStock/line, then CancelOrder
 * </pre>
 *
 * Failures: StockReservationRejected, PaymentDeclined, the order deadline, an operator's
 * compensation → compensate and {@code RejectOrder}; a cancellation before capture → void +
 * release, then {@code CancelOrder}. A command that could not be delivered or failed
 * transiently is resent with exponential backoff on a persistent retry deadline (forward steps
 * until the order deadline, compensations until they succeed); a participant's refusal is
 * recorded and not retried. Every handler first checks whether its event changes anything, so a
 * repeated event or reply does nothing. The saga ends in {@link #finish} only.
 */
@Saga
@ProcessingGroup(OrderSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class OrderSaga {

    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(OrderSaga.class);

    static final String PROCESSING_GROUP = "order-saga";
    static final String SERVICE = "order-saga";
    static final String ORDER_ID = "orderId";
    static final String PAYMENT_ID = "paymentId";
    static final String ORDER_DEADLINE = "order-deadline";
    static final String STEP_DEADLINE = "step-deadline";

    private String sagaId;
    private String orderId;
    private String customerId;
    private BigDecimal total;
    private String currency;
    private PaymentMethod paymentMethod;
    private Map<String, SagaLine> lines = new LinkedHashMap<>();
    private String paymentId;
    private PaymentStage payment = PaymentStage.NONE;
    private boolean cancelPaymentSent;
    private boolean refundPaymentSent;
    private SagaStep step;
    private RejectionReason rejection;
    private String rejectionDetail;
    private String cancellationReason;
    private String orderDeadlineId;
    private Instant orderDeadlineAt;
    private boolean orderDeadlinePassed;
    private long retryGeneration;
    private int retriesInStep;
    private String stepDeadlineId;
    private boolean orderConfirmed;
    private boolean orderRejected;
    private boolean cancelOrderSent;
    private boolean orderCancelled;
    private boolean refundRecorded;

    /** For Axon, which creates sagas reflectively from another package (hence public, unlike the rest of this package). */
    public OrderSaga() {
        // state arrives with the first event
    }

    /** The payment id for an order: derived, so that a resent RequestPayment is the same payment. */
    static PaymentId paymentIdFor(String orderId) {
        return PaymentId.of(UUID.nameUUIDFromBytes(("sagashop-order-payment:" + orderId).getBytes(StandardCharsets.UTF_8)).toString());
    }

    // ---- the order is placed: reserve every line ------------------------------------------------

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderPlaced event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        if (orderId != null) {
            received(h, event, "duplicate, ignored");
            return;
        }
        orderId = event.orderId().toString();
        if (resources.orders().find(orderId).isPresent()) {
            // Delivered again after its saga ended (a replay): the order was handled already.
            resources.journal().started(sagaId, orderId, at, null);
            received(h, event, "this order was handled by an earlier saga, ignored");
            finish(h, SagaState.COMPLETED);
            return;
        }
        customerId = event.customerId();
        total = event.total();
        currency = event.currency();
        paymentMethod = event.paymentMethod();
        for (OrderLine line : event.lines()) {
            lines.put(line.productId().toString(), new SagaLine(line.productId().toString(), line.quantity(), LineStatus.PENDING));
        }
        orderDeadlineAt = now().plus(resources.settings().deadline());
        resources.journal().started(sagaId, orderId, at, orderDeadlineAt);
        received(h, event, null);
        resources.orders().remember(new PlacedOrder(orderId, customerId, total, currency, lines.values().stream()
                .map(line -> new PlacedOrder.BookedLine(line.productId(), line.quantity())).toList()));
        orderDeadlineId = deadlines.schedule(resources.settings().deadline(), ORDER_DEADLINE, new OrderDeadline(orderId, orderDeadlineAt));
        resources.journal().deadlineSet(sagaId, ORDER_DEADLINE, orderDeadlineId, orderDeadlineAt);
        log(h, SagaTimelineEntryKind.DEADLINE_SET, ORDER_DEADLINE, "order deadline at " + orderDeadlineAt);
        moveTo(h, SagaStep.RESERVING_STOCK);
        lines.values().forEach(line -> send(h, new ReserveStock(ProductId.of(line.productId()), orderId, line.quantity())));
        progressed(h);
    }

    // ---- the catalog answers -----------------------------------------------------------------

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(StockReserved event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        SagaLine line = lines.get(event.productId().toString());
        if (line == null || !(line.is(LineStatus.PENDING) || line.is(LineStatus.ABANDONED))) {
            received(h, event, "duplicate or unexpected, ignored");
            return;
        }
        received(h, event, null);
        if (compensatingOrDone()) {
            lines.put(line.productId(), line.with(LineStatus.RELEASING));
            log(h, SagaTimelineEntryKind.COMPENSATION, "ReleaseStock", "reservation of " + line.productId()
                    + " arrived after the decision: released at once");
            send(h, new ReleaseStock(event.productId(), orderId));
            endIfSettled(h);
        } else {
            lines.put(line.productId(), line.with(LineStatus.RESERVED));
            if (allLines(l -> l.is(LineStatus.RESERVED))) {
                requestPayment(h);
            }
        }
        progressed(h);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(StockReservationRejected event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines,
            SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        SagaLine line = lines.get(event.productId().toString());
        if (line == null || !(line.is(LineStatus.PENDING) || line.is(LineStatus.ABANDONED))) {
            received(h, event, "duplicate or unexpected, ignored");
            return;
        }
        received(h, event, null);
        lines.put(line.productId(), line.with(LineStatus.REJECTED));
        if (step == SagaStep.RESERVING_STOCK) {
            RejectionReason reason = event.reason() == StockRejectionReason.INSUFFICIENT_STOCK
                    ? RejectionReason.OUT_OF_STOCK : RejectionReason.PRODUCT_UNAVAILABLE;
            reject(h, reason, "product " + event.productId() + ": " + event.reason() + " (" + event.quantity() + " wanted)");
        } else {
            endIfSettled(h);
        }
        progressed(h);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(StockReleased event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        lineAnswered(handling(at, gateway, deadlines, resources), event, event.productId(), LineStatus.RELEASING, LineStatus.RELEASED);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(StockCommitted event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        if (step == SagaStep.REFUNDING && lineIs(event.productId(), LineStatus.COMMITTING)) {
            // Cancelled while the commit was under way: the sold units go straight back.
            received(h, event, null);
            lines.put(event.productId().toString(), lines.get(event.productId().toString()).with(LineStatus.RETURNING));
            send(h, new ReturnStock(event.productId(), orderId));
            progressed(h);
            return;
        }
        lineAnswered(h, event, event.productId(), LineStatus.COMMITTING, LineStatus.COMMITTED);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(StockReturned event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        lineAnswered(handling(at, gateway, deadlines, resources), event, event.productId(), LineStatus.RETURNING, LineStatus.RETURNED);
    }

    // ---- the payment answers -----------------------------------------------------------------

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentCaptured event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        if (payment != PaymentStage.REQUESTED && payment != PaymentStage.VOIDED) {
            received(h, event, "duplicate or unexpected, ignored");
            return;
        }
        received(h, event, null);
        payment = PaymentStage.CAPTURED;
        if (step == SagaStep.AWAITING_PAYMENT) {
            moveTo(h, SagaStep.CONFIRMING);
            lines.replaceAll((id, line) -> line.with(LineStatus.COMMITTING));
            lines.values().forEach(line -> send(h, new CommitStock(ProductId.of(line.productId()), orderId)));
            send(h, new ConfirmOrder(OrderId.of(orderId), PaymentId.of(paymentId)));
        } else if (compensatingOrDone()) {
            // The payment service refunds a capture that follows a void by itself, but the
            // CancelPayment may also have reached it before the payment existed (and been
            // refused): RefundPayment is idempotent there, so it is always sent.
            refundPaymentSent = true;
            log(h, SagaTimelineEntryKind.COMPENSATION, "RefundPayment", "captured after the saga decided to compensate: refund");
            send(h, new RefundPayment(PaymentId.of(paymentId), "order " + orderId + " was not confirmed"));
            endIfSettled(h);
        }
        progressed(h);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentDeclined event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        if (payment != PaymentStage.REQUESTED) {
            received(h, event, "duplicate or unexpected, ignored");
            return;
        }
        received(h, event, null);
        payment = PaymentStage.DECLINED;
        if (step == SagaStep.AWAITING_PAYMENT) {
            reject(h, RejectionReason.PAYMENT_DECLINED, "payment declined by " + event.gateway() + ": " + event.reason());
        } else {
            endIfSettled(h);
        }
        progressed(h);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentVoided event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        if (payment != PaymentStage.REQUESTED) {
            received(h, event, "duplicate or unexpected, ignored");
            return;
        }
        received(h, event, null);
        payment = PaymentStage.VOIDED;
        endIfSettled(h);
        progressed(h);
    }

    /**
     * Also starts a saga: a capture that arrives after the payment was voided is refunded by the
     * payment service, possibly after this order's saga ended, and an operator may refund a
     * confirmed order's payment directly. The short saga started here records the refund on the
     * order and waits for {@code OrderRefunded}; the order, if it was confirmed, then asks for its
     * own cancellation ({@code OrderCancellationRequested} with the payment already refunded), and
     * the cancellation saga returns the stock and cancels it.
     */
    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(PaymentRefunded event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        if (orderId == null) {
            orderId = event.orderId();
            paymentId = event.paymentId().toString();
            resources.journal().started(sagaId, orderId, at, null);
            received(h, event, "the order's saga had ended: record the refund");
            moveTo(h, SagaStep.RECORDING_REFUND);
            payment = PaymentStage.REFUNDED;
            total = event.amount();
            currency = event.currency();
            send(h, new RecordOrderRefund(OrderId.of(orderId), event.paymentId(), event.amount(), event.currency()));
            progressed(h);
            return;
        }
        if (payment == PaymentStage.REFUNDED) {
            received(h, event, "duplicate, ignored");
            return;
        }
        received(h, event, null);
        payment = PaymentStage.REFUNDED;
        send(h, new RecordOrderRefund(OrderId.of(orderId), event.paymentId(), event.amount(), event.currency()));
        endIfSettled(h);
        progressed(h);
    }

    // ---- the order applied what the saga asked ------------------------------------------------
    // The saga ends only once the order's own event shows that its last order-side command took
    // effect: a command lost in a crash right after the saga's commit is resent by the step deadline.

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderConfirmed event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        if (step != SagaStep.CONFIRMING || orderConfirmed) {
            received(h, event, "duplicate or unexpected, ignored");
            return;
        }
        received(h, event, null);
        orderConfirmed = true;
        endIfSettled(h);
        progressed(h);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderRejected event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        if (step != SagaStep.COMPENSATING || orderRejected) {
            received(h, event, "duplicate or unexpected, ignored");
            return;
        }
        received(h, event, null);
        orderRejected = true;
        endIfSettled(h);
        progressed(h);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderRefunded event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        if (refundRecorded) {
            received(h, event, "duplicate, ignored");
            return;
        }
        received(h, event, null);
        refundRecorded = true;
        endIfSettled(h);
        progressed(h);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderCancelled event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        if (!cancelOrderSent || orderCancelled) {
            received(h, event, "duplicate or unexpected, ignored");
            return;
        }
        received(h, event, null);
        orderCancelled = true;
        endIfSettled(h);
        progressed(h);
    }

    // ---- the customer cancels ----------------------------------------------------------------

    /**
     * A live saga handles a cancellation itself. After confirmation the order's saga has ended,
     * so the cancellation starts a new one, which refunds (unless the payment was refunded
     * already) and restocks the lines the event carries.
     */
    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderCancellationRequested event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines,
            SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        cancellationReason = event.reason() == null || event.reason().isBlank()
                ? "cancelled by " + event.requestedBy() : event.reason();
        if (orderId == null) {
            startAfterEnd(h, event);
            return;
        }
        if (compensatingOrDone()) {
            received(h, event, "the saga already compensates (" + step + "), ignored");
            return;
        }
        received(h, event, null);
        if (payment == PaymentStage.CAPTURED || payment == PaymentStage.REFUNDED) {
            refundAndRestock(h);
        } else {
            moveTo(h, SagaStep.CANCELLING);
            compensate(h, "cancelled by " + event.requestedBy() + " before capture: void and release");
        }
        progressed(h);
    }

    private void startAfterEnd(Handling h, OrderCancellationRequested event) {
        orderId = event.orderId().toString();
        customerId = event.customerId();
        h.resources().journal().started(sagaId, orderId, h.at(), null);
        received(h, event, "the order's saga had ended: a new one cancels it");
        List<PlacedOrder.BookedLine> booked = event.lines() != null
                ? event.lines().stream().map(line -> new PlacedOrder.BookedLine(line.productId().toString(), line.quantity())).toList()
                : h.resources().orders().find(orderId).map(PlacedOrder::lines).orElse(null);
        if (booked == null) {
            log(h, SagaTimelineEntryKind.COMMAND_FAILED, "CancelOrder", "the saga never saw order " + orderId + " placed: nothing to do");
            finish(h, SagaState.COMPLETED);
            return;
        }
        paymentId = paymentIdFor(orderId).toString();
        SagaLifecycle.associateWith(PAYMENT_ID, paymentId);
        if (event.statusAtRequest() == OrderStatus.CONFIRMED) {
            booked.forEach(line -> lines.put(line.productId(), new SagaLine(line.productId(), line.quantity(), LineStatus.COMMITTED)));
            payment = event.paymentRefunded() ? PaymentStage.REFUNDED : PaymentStage.CAPTURED;
            refundRecorded = event.paymentRefunded();
            refundAndRestock(h);
            progressed(h);
            return;
        }
        PlacedOrder placed = new PlacedOrder(orderId, customerId, null, null, booked);
        // Not confirmed and no saga (an operator ended it): undo whatever may be held, without waiting.
        moveTo(h, SagaStep.CANCELLING);
        log(h, SagaTimelineEntryKind.COMPENSATION, "ReleaseStock", "no saga was running: release everything and void");
        placed.lines().forEach(line -> send(h, new ReleaseStock(ProductId.of(line.productId()), orderId)));
        send(h, new CancelPayment(PaymentId.of(paymentId), cancellationReason, orderId));
        send(h, new CancelOrder(OrderId.of(orderId)));
        finish(h, SagaState.COMPLETED);
    }

    private void refundAndRestock(Handling h) {
        moveTo(h, SagaStep.REFUNDING);
        if (payment == PaymentStage.REFUNDED) {
            log(h, SagaTimelineEntryKind.COMPENSATION, "ReturnStock", "the payment was refunded already: return the stock");
        } else {
            log(h, SagaTimelineEntryKind.COMPENSATION, "RefundPayment", "cancelled after capture: refund and return the stock");
            refundPaymentSent = true;
            send(h, new RefundPayment(PaymentId.of(paymentId), cancellationReason));
        }
        lines.replaceAll((id, line) -> line.is(LineStatus.COMMITTED) ? line.with(LineStatus.RETURNING) : line);
        lines.values().stream().filter(line -> line.is(LineStatus.RETURNING))
                .forEach(line -> send(h, new ReturnStock(ProductId.of(line.productId()), orderId)));
    }

    // ---- operators -------------------------------------------------------------------------

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderStepRetryRequested event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines,
            SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        log(h, SagaTimelineEntryKind.OPERATOR_ACTION, "OrderStepRetryRequested", event.operator() + " retries step " + step);
        // The step deadline is armed anew (its backoff starts over) by progressed.
        resendStep(h);
        progressed(h);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderCompensationRequested event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines,
            SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        log(h, SagaTimelineEntryKind.OPERATOR_ACTION, "OrderCompensationRequested", event.operator() + ": " + event.reason());
        if (step == SagaStep.RESERVING_STOCK || step == SagaStep.AWAITING_PAYMENT) {
            reject(h, RejectionReason.COMPENSATED_BY_OPERATOR, "compensated by " + event.operator() + ": " + event.reason());
        } else {
            log(h, SagaTimelineEntryKind.OPERATOR_ACTION, "OrderCompensationRequested", "nothing to compensate in step " + step);
        }
        progressed(h);
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderSagaEndRequested event, @Timestamp Instant at, CommandGateway gateway, DeadlineManager deadlines,
            SagaResources resources) {
        Handling h = handling(at, gateway, deadlines, resources);
        log(h, SagaTimelineEntryKind.OPERATOR_ACTION, "OrderSagaEndRequested", event.operator() + " ends the saga: " + event.reason());
        finish(h, SagaState.ENDED_BY_OPERATOR);
    }

    // ---- deadlines ---------------------------------------------------------------------------

    @DeadlineHandler(deadlineName = ORDER_DEADLINE)
    void on(OrderDeadline deadline, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        Handling h = handling(deadline.dueAt(), gateway, deadlines, resources);
        if (orderDeadlinePassed) {
            log(h, SagaTimelineEntryKind.DEADLINE_FIRED, ORDER_DEADLINE, "fired again, ignored");
            return;
        }
        orderDeadlineId = null;
        orderDeadlinePassed = true;
        resources.journal().deadlinesGone(sagaId, ORDER_DEADLINE, deadline.dueAt());
        log(h, SagaTimelineEntryKind.DEADLINE_FIRED, ORDER_DEADLINE, "order deadline passed in step " + step);
        if (step == SagaStep.RESERVING_STOCK || step == SagaStep.AWAITING_PAYMENT) {
            reject(h, RejectionReason.DEADLINE_PASSED, "no outcome within " + resources.settings().deadline().toSeconds()
                    + " s (step " + step + ")");
        } else if (step == SagaStep.COMPENSATING || step == SagaStep.CANCELLING) {
            abandonUnansweredReservations(h);
            endIfSettled(h);
        }
        progressed(h);
    }

    /**
     * The step deadline: nothing moved the saga on since it was armed, so every command of the
     * current step still unanswered is sent again (all are idempotent at their handlers) and the
     * deadline is armed again with a doubled wait. Not progress: a saga that only resends shows
     * up as stuck after {@code stuck-after}, for an operator to look at.
     */
    @DeadlineHandler(deadlineName = STEP_DEADLINE)
    void on(RetryDue retry, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        Handling h = handling(now(), gateway, deadlines, resources);
        if (retry.generation() != retryGeneration) {
            log(h, SagaTimelineEntryKind.DEADLINE_FIRED, STEP_DEADLINE, "stale: the saga moved on since, nothing to do");
            return;
        }
        if (stepDeadlineId != null) {
            resources.journal().deadlineGone(sagaId, stepDeadlineId);
            stepDeadlineId = null;
        }
        log(h, SagaTimelineEntryKind.DEADLINE_FIRED, STEP_DEADLINE, "no answer in step " + step);
        retriesInStep++;
        resendStep(h);
        armStepDeadline(h);
    }

    // ---- decisions -----------------------------------------------------------------------------

    private void requestPayment(Handling h) {
        paymentId = paymentIdFor(orderId).toString();
        // Associated before the command that uses the id goes out.
        SagaLifecycle.associateWith(PAYMENT_ID, paymentId);
        payment = PaymentStage.REQUESTED;
        moveTo(h, SagaStep.AWAITING_PAYMENT);
        sendPaymentStep(h);
    }

    /**
     * The order hears of the reservation and the pending payment before the payment is asked for:
     * sent at once, a fast capture's ConfirmOrder could overtake MarkOrderPaymentPending at the
     * aggregate, which would refuse the latter. RequestPayment goes out whatever the outcome of
     * the marks (a refused mark must not leave the payment unasked).
     */
    private void sendPaymentStep(Handling h) {
        sender(h).sendInOrder(List.of(new MarkOrderStockReserved(OrderId.of(orderId)),
                new MarkOrderPaymentPending(OrderId.of(orderId), PaymentId.of(paymentId)),
                new RequestPayment(PaymentId.of(paymentId), orderId, customerId, total, currency, paymentMethod)));
    }

    private void reject(Handling h, RejectionReason reason, String detail) {
        rejection = reason;
        rejectionDetail = detail;
        moveTo(h, SagaStep.COMPENSATING);
        compensate(h, reason + ": " + detail);
        send(h, new RejectOrder(OrderId.of(orderId), reason, detail));
        endIfSettled(h);
    }

    /** Undoes what is held: reserved lines released, a requested payment cancelled (void, or refund if captured). */
    private void compensate(Handling h, String why) {
        log(h, SagaTimelineEntryKind.COMPENSATION, null, why);
        lines.values().stream().filter(line -> line.is(LineStatus.RESERVED)).toList().forEach(line -> {
            lines.put(line.productId(), line.with(LineStatus.RELEASING));
            send(h, new ReleaseStock(ProductId.of(line.productId()), orderId));
        });
        if (payment == PaymentStage.REQUESTED || payment == PaymentStage.CAPTURED) {
            cancelPaymentSent = true;
            send(h, new CancelPayment(PaymentId.of(paymentId), "order " + orderId + ": " + why, orderId));
        }
        if (orderDeadlinePassed) {
            abandonUnansweredReservations(h);
        }
    }

    /**
     * Past the order deadline the saga stops waiting for reservations nobody answered; it releases
     * them just in case (releasing what was never reserved changes nothing at the catalog).
     */
    private void abandonUnansweredReservations(Handling h) {
        lines.values().stream().filter(line -> line.is(LineStatus.PENDING)).toList().forEach(line -> {
            lines.put(line.productId(), line.with(LineStatus.ABANDONED));
            send(h, new ReleaseStock(ProductId.of(line.productId()), orderId));
        });
    }

    /** Sends the current step's outstanding commands again (all of them are idempotent at their handlers). */
    private void resendStep(Handling h) {
        log(h, SagaTimelineEntryKind.RETRY, null, "resending step " + step + " (retry " + retriesInStep + ")");
        switch (step) {
            case RESERVING_STOCK -> lines.values().stream().filter(line -> line.is(LineStatus.PENDING))
                    .forEach(line -> send(h, new ReserveStock(ProductId.of(line.productId()), orderId, line.quantity())));
            case AWAITING_PAYMENT -> sendPaymentStep(h);
            case CONFIRMING -> {
                lines.values().stream().filter(line -> line.is(LineStatus.COMMITTING))
                        .forEach(line -> send(h, new CommitStock(ProductId.of(line.productId()), orderId)));
                if (!orderConfirmed) {
                    send(h, new ConfirmOrder(OrderId.of(orderId), PaymentId.of(paymentId)));
                }
            }
            case COMPENSATING, CANCELLING -> {
                lines.values().stream().filter(line -> line.is(LineStatus.RELEASING))
                        .forEach(line -> send(h, new ReleaseStock(ProductId.of(line.productId()), orderId)));
                if (cancelPaymentSent && payment == PaymentStage.REQUESTED) {
                    send(h, new CancelPayment(PaymentId.of(paymentId), "order " + orderId + " compensated", orderId));
                }
                if (refundPaymentSent && payment == PaymentStage.CAPTURED) {
                    send(h, new RefundPayment(PaymentId.of(paymentId), "order " + orderId + " was not confirmed"));
                }
                if (step == SagaStep.COMPENSATING && !orderRejected) {
                    send(h, new RejectOrder(OrderId.of(orderId), rejection, rejectionDetail));
                }
                resendCancelOrder(h);
            }
            case REFUNDING -> {
                if (payment == PaymentStage.CAPTURED) {
                    send(h, new RefundPayment(PaymentId.of(paymentId), cancellationReason));
                }
                lines.values().stream().filter(line -> line.is(LineStatus.RETURNING))
                        .forEach(line -> send(h, new ReturnStock(ProductId.of(line.productId()), orderId)));
                resendCancelOrder(h);
            }
            case RECORDING_REFUND -> send(h, new RecordOrderRefund(OrderId.of(orderId), PaymentId.of(paymentId), total, currency));
            default -> {
                // DONE: nothing is outstanding.
            }
        }
    }

    private void resendCancelOrder(Handling h) {
        if (cancelOrderSent && !orderCancelled) {
            send(h, new CancelOrder(OrderId.of(orderId)));
        }
    }

    /** Ends the saga once nothing it started is still unanswered. */
    private void endIfSettled(Handling h) {
        switch (step) {
            case COMPENSATING, CANCELLING -> {
                boolean linesSettled = noLine(line -> line.is(LineStatus.RELEASING)
                        || (line.is(LineStatus.PENDING) && !orderDeadlinePassed));
                boolean paymentSettled = payment == PaymentStage.NONE || payment == PaymentStage.DECLINED
                        || payment == PaymentStage.VOIDED || payment == PaymentStage.REFUNDED;
                if (linesSettled && paymentSettled) {
                    if (step == SagaStep.CANCELLING) {
                        cancelOrderOnce(h);
                    } else if (orderRejected) {
                        finish(h, SagaState.COMPENSATED);
                    }
                }
            }
            case CONFIRMING -> {
                if (orderConfirmed && allLines(line -> line.is(LineStatus.COMMITTED))) {
                    finish(h, SagaState.COMPLETED);
                }
            }
            case REFUNDING -> {
                if (payment == PaymentStage.REFUNDED && allLines(line -> line.is(LineStatus.RETURNED))) {
                    cancelOrderOnce(h);
                }
            }
            case RECORDING_REFUND -> {
                if (refundRecorded) {
                    finish(h, SagaState.COMPENSATED);
                }
            }
            default -> {
                // forward steps end through their answers
            }
        }
    }

    /** Everything is undone: the order is cancelled, and the saga ends once it shows {@code OrderCancelled}. */
    private void cancelOrderOnce(Handling h) {
        if (!cancelOrderSent) {
            cancelOrderSent = true;
            send(h, new CancelOrder(OrderId.of(orderId)));
        }
        if (orderCancelled) {
            finish(h, SagaState.COMPLETED);
        }
    }

    /** The one place the saga ends. */
    private void finish(Handling h, SagaState state) {
        if (orderDeadlineId != null) {
            cancelAfterCommit(h.deadlines(), ORDER_DEADLINE, orderDeadlineId);
            log(h, SagaTimelineEntryKind.DEADLINE_CANCELLED, ORDER_DEADLINE, null);
            orderDeadlineId = null;
        }
        step = SagaStep.DONE;
        armStepDeadline(h);
        log(h, SagaTimelineEntryKind.ENDED, null, state.name());
        h.resources().journal().ended(sagaId, state, h.at());
        SagaLifecycle.end();
    }

    /**
     * Cancels a deadline once the handling has committed, and tolerates failing to: db-scheduler
     * refuses to cancel a task it is executing at that moment ({@code
     * TaskInstanceCurrentlyExecutingException}), and cancelled inside the transaction that refusal
     * rolled back the processor's whole batch — other sagas' handlings whose commands had already
     * gone out. A deadline left standing fires into a saga that ended (Axon finds none) or into
     * one whose handler ignores it, so the cancel is only housekeeping.
     */
    private static void cancelAfterCommit(DeadlineManager deadlines, String name, String deadlineId) {
        AfterCommit.run(() -> {
            try {
                deadlines.cancelSchedule(name, deadlineId);
            } catch (RuntimeException failure) {
                LOGGER.info("Deadline {} {} not cancelled ({}); it will fire and find nothing to do", name, deadlineId,
                        failure.toString());
            }
        });
    }

    // ---- helpers -----------------------------------------------------------------------------

    private void lineAnswered(Handling h, Object event, ProductId productId, LineStatus expected, LineStatus next) {
        if (!lineIs(productId, expected)) {
            received(h, event, "duplicate or unexpected, ignored");
            return;
        }
        received(h, event, null);
        lines.put(productId.toString(), lines.get(productId.toString()).with(next));
        endIfSettled(h);
        progressed(h);
    }

    private boolean lineIs(ProductId productId, LineStatus status) {
        SagaLine line = lines.get(productId.toString());
        return line != null && line.is(status);
    }

    private boolean compensatingOrDone() {
        return step == SagaStep.COMPENSATING || step == SagaStep.CANCELLING || step == SagaStep.REFUNDING
                || step == SagaStep.DONE;
    }

    private boolean allLines(Predicate<SagaLine> condition) {
        return !lines.isEmpty() && lines.values().stream().allMatch(condition);
    }

    private boolean noLine(Predicate<SagaLine> condition) {
        return lines.values().stream().noneMatch(condition);
    }

    private void moveTo(Handling h, SagaStep next) {
        if (step != next) {
            log(h, SagaTimelineEntryKind.STEP_CHANGED, null, (step == null ? "" : step + " -> ") + next);
            step = next;
            retriesInStep = 0;
        }
    }

    private void send(Handling h, Object command) {
        sender(h).send(command);
    }

    private SagaCommands sender(Handling h) {
        return new SagaCommands(h.gateway(), h.resources().journal(), sagaId, h.at());
    }

    /**
     * Arms the step deadline for the saga's current state, in this handling's unit of work (so it
     * exists exactly if the state that needs it was committed), replacing the one pending. The wait
     * is {@code retry.initial-backoff} doubled per resend already made in this state, up to
     * {@code retry.max-backoff}. In a forward step a resend that would come at or after the order
     * deadline is not armed: the order deadline is then the pending one, and it compensates.
     */
    private void armStepDeadline(Handling h) {
        if (stepDeadlineId != null) {
            cancelAfterCommit(h.deadlines(), STEP_DEADLINE, stepDeadlineId);
            h.resources().journal().deadlineGone(sagaId, stepDeadlineId);
            stepDeadlineId = null;
        }
        retryGeneration++;
        if (step == SagaStep.DONE) {
            return;
        }
        java.time.Duration wait = h.resources().settings().backoff(retriesInStep);
        Instant due = now().plus(wait);
        boolean forward = step == SagaStep.RESERVING_STOCK || step == SagaStep.AWAITING_PAYMENT;
        if (forward && !orderDeadlinePassed && orderDeadlineId != null && !due.isBefore(orderDeadlineAt)) {
            return;
        }
        stepDeadlineId = h.deadlines().schedule(wait, STEP_DEADLINE, new RetryDue(retryGeneration, due));
        h.resources().journal().deadlineSet(sagaId, STEP_DEADLINE, stepDeadlineId, due);
    }

    /** The deadline manager's clock (Axon's), which its due times are counted from. */
    private static Instant now() {
        return org.axonframework.eventhandling.GenericEventMessage.clock.instant();
    }

    private void received(Handling h, Object event, String note) {
        String detail = MessageNames.describe(event);
        h.resources().journal().record(sagaId, h.at(), SagaTimelineEntryKind.EVENT_RECEIVED, MessageNames.name(event),
                MessageNames.service(event.getClass()), note == null ? detail : note + " - " + detail);
    }

    private void log(Handling h, SagaTimelineEntryKind kind, String messageName, String detail) {
        h.resources().journal().record(sagaId, h.at(), kind, messageName, SERVICE, detail);
    }

    /** The handling moved the saga on: recorded as progress, and the step deadline starts over. */
    private void progressed(Handling h) {
        if (step != SagaStep.DONE) {
            h.resources().journal().progressed(sagaId, step.name(), h.at());
            retriesInStep = 0;
            armStepDeadline(h);
        }
    }

    private Handling handling(Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources) {
        ScopeDescriptor scope = Scope.describeCurrentScope();
        if (sagaId == null && scope instanceof SagaScopeDescriptor sagaScope) {
            sagaId = String.valueOf(sagaScope.getIdentifier());
        }
        return new Handling(at, gateway, deadlines, resources, scope);
    }

    /** What one handling works with: its time, the resources it was given and the saga's scope. */
    private record Handling(Instant at, CommandGateway gateway, DeadlineManager deadlines, SagaResources resources,
                            ScopeDescriptor scope) {
    }
}
