package io.sagashop.order.saga;

import io.sagashop.catalog.api.CommitStock;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ReleaseStock;
import io.sagashop.catalog.api.ReserveStock;
import io.sagashop.catalog.api.ReturnStock;
import io.sagashop.catalog.api.StockCommitted;
import io.sagashop.catalog.api.StockReleased;
import io.sagashop.catalog.api.StockReservationRejected;
import io.sagashop.catalog.api.StockReserved;
import io.sagashop.catalog.api.StockReturned;
import io.sagashop.order.api.CancelOrder;
import io.sagashop.order.api.ConfirmOrder;
import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderRefunded;
import io.sagashop.order.api.OrderRejected;
import io.sagashop.order.api.RecordOrderRefund;
import io.sagashop.order.api.RejectOrder;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.payment.api.CancelPayment;
import io.sagashop.payment.api.PaymentCaptured;
import io.sagashop.payment.api.PaymentDeclined;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentRefunded;
import io.sagashop.payment.api.PaymentVoided;
import io.sagashop.payment.api.RefundPayment;
import io.sagashop.payment.api.RequestPayment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.modelling.saga.SagaLifecycle;

import static io.sagashop.order.saga.LineStatus.COMMITTED;
import static io.sagashop.order.saga.LineStatus.COMMITTING;
import static io.sagashop.order.saga.LineStatus.PENDING;
import static io.sagashop.order.saga.LineStatus.RESERVED;
import static io.sagashop.order.saga.LineStatus.RETURNING;

/**
 * The order sagas' steps, each declared once, and run by {@link StepSaga}: what a step does when
 * entered, which commands it has outstanding (sent once when they become outstanding, and again
 * when the step deadline fires), when it is done and where it goes then, and what a participant's
 * refusal of one of its commands means. The sagas' handlers only record what an answer means
 * (a line reserved, the payment captured, the order confirmed…); this table decides everything
 * else. {@code StepTableTest} checks that the sagas handle every answer named here and that
 * docs/saga.md shows exactly {@link #markdown()}.
 *
 * <p>Common to every row: the step deadline ({@code step-deadline}) is armed in the unit of work
 * that enters or advances the step, and when it fires the row's outstanding commands are sent
 * again with a doubling wait; in the forward steps only until the order deadline, which then
 * compensates. A refusal (4xx) of a forward command fails the order; any other refused command is
 * resent by the step deadline up to {@link StepSaga#REFUSALS_BEFORE_HOLD} times, then held: the
 * saga shows as STUCK, with its step deadline pending, for an operator (retry, compensate, end).
 */
enum StepTable {

    //       kind                    refusal of a command          entered, outstanding commands, done when, then
    RESERVING_STOCK(Kind.FORWARD, Refusal.REJECTS_LINE,
            s -> { },
            s -> each(s, PENDING, StepTable::reserve),
            s -> s.allLines(line -> line.is(RESERVED)),
            s -> s.enter(SagaStep.AWAITING_PAYMENT)),
    AWAITING_PAYMENT(Kind.FORWARD, Refusal.DECLINES_PAYMENT,
            StepTable::askPayment,
            s -> when(s.payment == PaymentStage.REQUESTED, StepTable::requestPayment, s),
            s -> s.payment == PaymentStage.CAPTURED,
            s -> s.enter(SagaStep.CONFIRMING)),
    CONFIRMING(Kind.UNTIL_ANSWERED, Refusal.HOLDS,
            s -> s.replaceLines(RESERVED, COMMITTING),
            s -> concat(each(s, COMMITTING, StepTable::commit), when(!s.orderConfirmed, StepTable::confirm, s)),
            s -> s.allLines(line -> line.is(COMMITTED)) && s.orderConfirmed,
            s -> s.finish(SagaState.COMPLETED)),
    COMPENSATING(Kind.UNTIL_ANSWERED, Refusal.HOLDS,
            StepTable::giveBack,
            s -> concat(giveBackCommands(s), when(!s.orderRejected, StepTable::reject, s)),
            s -> nothingHeld(s) && s.orderRejected,
            s -> s.finish(SagaState.COMPENSATED)),
    CANCELLING(Kind.UNTIL_ANSWERED, Refusal.HOLDS,
            StepTable::giveBack,
            s -> concat(giveBackCommands(s), when(nothingHeld(s) && !s.orderCancelled, StepTable::cancel, s)),
            s -> nothingHeld(s) && s.orderCancelled,
            s -> s.finish(SagaState.COMPLETED)),
    REFUNDING(Kind.UNTIL_ANSWERED, Refusal.HOLDS,
            s -> s.replaceLines(COMMITTED, RETURNING),
            s -> concat(when(s.payment == PaymentStage.CAPTURED, StepTable::refund, s), each(s, RETURNING, StepTable::giveBackSold),
                    when(s.payment == PaymentStage.REFUNDED && !s.refundRecorded, StepTable::recordRefund, s),
                    when(refundedAndReturned(s) && s.refundRecorded && !s.orderCancelled, StepTable::cancel, s)),
            s -> refundedAndReturned(s) && s.orderCancelled,
            s -> s.finish(SagaState.COMPLETED)),
    RECORDING_REFUND(Kind.UNTIL_ANSWERED, Refusal.HOLDS,
            s -> { },
            s -> when(!s.refundRecorded, StepTable::recordRefund, s),
            s -> s.refundRecorded,
            s -> s.finish(SagaState.COMPENSATED));

    private static final String HELD = "resent, then held: STUCK for an operator";

    /** The rows as docs/saga.md shows them: what enters them, what they send and what the answers mean. */
    private static final Map<StepTable, Doc> DOCS = new EnumMap<>(Map.of(
            RESERVING_STOCK, new Doc("`OrderPlaced` (order deadline set)", List.of(ReserveStock.class), "per line",
                    List.of(StockReserved.class), "every line reserved: AWAITING_PAYMENT",
                    List.of(StockReservationRejected.class), "COMPENSATING, REJECTED(OUT_OF_STOCK or PRODUCT_UNAVAILABLE); a refused `ReserveStock` too",
                    "resent; at the order deadline COMPENSATING, REJECTED(DEADLINE_PASSED)"),
            AWAITING_PAYMENT, new Doc("the last `StockReserved`", List.of(RequestPayment.class), "alone, under an id derived from the order",
                    List.of(PaymentCaptured.class), "CONFIRMING",
                    List.of(PaymentDeclined.class), "COMPENSATING, REJECTED(PAYMENT_DECLINED); a refused `RequestPayment` too",
                    "resent; at the order deadline COMPENSATING, REJECTED(DEADLINE_PASSED)"),
            CONFIRMING, new Doc("`PaymentCaptured`", List.of(CommitStock.class, ConfirmOrder.class), "per line, and the order, together",
                    List.of(StockCommitted.class, OrderConfirmed.class), "every line committed and the order confirmed: COMPLETED",
                    List.of(), HELD, "resent until answered"),
            COMPENSATING, new Doc("a refusal, a decline, the order deadline or an operator in a forward step",
                    List.of(ReleaseStock.class, CancelPayment.class, RefundPayment.class, RejectOrder.class),
                    "for what is held, and the order; RefundPayment for a capture after the decision",
                    List.of(StockReleased.class, PaymentVoided.class, PaymentRefunded.class, OrderRejected.class),
                    "nothing held, the order rejected: COMPENSATED", List.of(), HELD, "resent until answered"),
            CANCELLING, new Doc("`OrderCancellationRequested` before confirmation",
                    List.of(ReleaseStock.class, CancelPayment.class, RefundPayment.class, CancelOrder.class), "CancelOrder once nothing is held",
                    List.of(StockReleased.class, PaymentVoided.class, PaymentRefunded.class, OrderCancelled.class),
                    "the order cancelled: COMPLETED", List.of(), HELD, "resent until answered"),
            REFUNDING, new Doc("`OrderCancellationRequested` of a CONFIRMED order (cancellation saga)",
                    List.of(RefundPayment.class, ReturnStock.class, RecordOrderRefund.class, CancelOrder.class),
                    "no RefundPayment if refunded already; CancelOrder once refunded, recorded and returned",
                    List.of(PaymentRefunded.class, StockReturned.class, OrderRefunded.class, OrderCancelled.class),
                    "the order cancelled: COMPLETED", List.of(), HELD, "resent until answered"),
            RECORDING_REFUND, new Doc("`PaymentRefunded` the cancellation saga did not ask for (a late capture refunded, or an operator's refund)",
                    List.of(RecordOrderRefund.class), "a confirmed order then asks for its cancellation: REFUNDING",
                    List.of(OrderRefunded.class), "COMPENSATED", List.of(), HELD, "resent until answered")));

    /** Forward steps are bounded by the order deadline; the others go on until answered (or held). */
    enum Kind { FORWARD, UNTIL_ANSWERED }

    /** What a participant's refusal (4xx) of one of the row's commands means. */
    enum Refusal {
        /** A refused reservation is a rejected line: the order is rejected as unavailable. */
        REJECTS_LINE,
        /** A refused payment request is a declined payment. */
        DECLINES_PAYMENT,
        /** Resent a few times (it may be a race), then held for an operator. */
        HOLDS
    }

    /** A row as docs/saga.md shows it. */
    record Doc(String enteredOn, List<Class<?>> sends, String sendsNote, List<Class<?>> success, String onSuccess,
               List<Class<?>> refusal, String onRefusal, String onNoAnswer) {
    }

    // ---- the vocabulary of the rows ----------------------------------------------------------------

    private static List<Object> each(StepSaga s, LineStatus status, java.util.function.BiFunction<StepSaga, SagaLine, Object> command) {
        return s.linesIn(status).stream().map(line -> command.apply(s, line)).toList();
    }

    private static List<Object> when(boolean condition, Function<StepSaga, Object> command, StepSaga s) {
        return condition ? List.of(command.apply(s)) : List.of();
    }

    @SafeVarargs
    private static List<Object> concat(List<Object>... parts) {
        List<Object> all = new ArrayList<>();
        for (List<Object> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    /** Entering AWAITING_PAYMENT: the payment id is derived from the order and associated before RequestPayment goes out. */
    private static void askPayment(StepSaga s) {
        s.paymentId = OrderSaga.paymentIdFor(s.orderId).toString();
        SagaLifecycle.associateWith(StepSaga.PAYMENT_ID, s.paymentId);
        s.payment = PaymentStage.REQUESTED;
    }

    /** Entering a compensation: every reservation held is released; past the order deadline unanswered ones are given up. */
    private static void giveBack(StepSaga s) {
        s.replaceLines(LineStatus.RESERVED, LineStatus.RELEASING);
        if (s.orderDeadlinePassed) {
            s.replaceLines(LineStatus.PENDING, LineStatus.ABANDONED);
        }
    }

    /**
     * Releases (abandoned lines too: releasing what was never reserved changes nothing at the
     * catalog but bars a late reservation), a requested payment voided, a captured one refunded.
     */
    private static List<Object> giveBackCommands(StepSaga s) {
        return concat(each(s, LineStatus.RELEASING, StepTable::release), each(s, LineStatus.ABANDONED, StepTable::release),
                when(s.payment == PaymentStage.REQUESTED, StepTable::voidPayment, s),
                when(s.payment == PaymentStage.CAPTURED, StepTable::refund, s));
    }

    /** Nothing is held or unanswered: no release awaited, no reservation unanswered (before the order deadline), the payment settled. */
    static boolean nothingHeld(StepSaga s) {
        boolean linesSettled = s.noLine(line -> line.is(LineStatus.RELEASING) || line.is(LineStatus.COMMITTING)
                || (line.is(LineStatus.PENDING) && !s.orderDeadlinePassed));
        return linesSettled && (s.payment == PaymentStage.NONE || s.payment == PaymentStage.DECLINED
                || s.payment == PaymentStage.VOIDED || s.payment == PaymentStage.REFUNDED);
    }

    private static boolean refundedAndReturned(StepSaga s) {
        return s.payment == PaymentStage.REFUNDED && s.noLine(line -> line.is(LineStatus.RETURNING) || line.is(LineStatus.COMMITTING));
    }

    private static ReserveStock reserve(StepSaga s, SagaLine line) {
        return new ReserveStock(ProductId.of(line.productId()), s.orderId, line.quantity());
    }

    private static ReleaseStock release(StepSaga s, SagaLine line) {
        return new ReleaseStock(ProductId.of(line.productId()), s.orderId);
    }

    private static CommitStock commit(StepSaga s, SagaLine line) {
        return new CommitStock(ProductId.of(line.productId()), s.orderId);
    }

    private static ReturnStock giveBackSold(StepSaga s, SagaLine line) {
        return new ReturnStock(ProductId.of(line.productId()), s.orderId, line.quantity());
    }

    private static RequestPayment requestPayment(StepSaga s) {
        return new RequestPayment(PaymentId.of(s.paymentId), s.orderId, s.customerId, s.total, s.currency, s.paymentMethod);
    }

    private static ConfirmOrder confirm(StepSaga s) {
        return new ConfirmOrder(OrderId.of(s.orderId), PaymentId.of(s.paymentId));
    }

    private static RejectOrder reject(StepSaga s) {
        return new RejectOrder(OrderId.of(s.orderId), s.rejection, s.rejectionDetail);
    }

    private static CancelPayment voidPayment(StepSaga s) {
        String why = s.step == SagaStep.COMPENSATING ? s.rejection + ": " + s.rejectionDetail : s.cancellationReason;
        return new CancelPayment(PaymentId.of(s.paymentId), "order " + s.orderId + ": " + why, s.orderId);
    }

    private static RefundPayment refund(StepSaga s) {
        return new RefundPayment(PaymentId.of(s.paymentId), s.step == SagaStep.REFUNDING ? s.cancellationReason
                : "order " + s.orderId + " was not confirmed");
    }

    private static RecordOrderRefund recordRefund(StepSaga s) {
        return new RecordOrderRefund(OrderId.of(s.orderId), PaymentId.of(s.paymentId), s.total, s.currency);
    }

    private static CancelOrder cancel(StepSaga s) {
        return new CancelOrder(OrderId.of(s.orderId));
    }

    private final Kind kind;
    private final Refusal refusal;
    private final Consumer<StepSaga> entered;
    private final Function<StepSaga, List<Object>> outstanding;
    private final Predicate<StepSaga> done;
    private final Consumer<StepSaga> next;

    StepTable(Kind kind, Refusal refusal, Consumer<StepSaga> entered, Function<StepSaga, List<Object>> outstanding,
              Predicate<StepSaga> done, Consumer<StepSaga> next) {
        this.kind = kind;
        this.refusal = refusal;
        this.entered = entered;
        this.outstanding = outstanding;
        this.done = done;
        this.next = next;
    }

    static StepTable of(SagaStep step) {
        return valueOf(step.name());
    }

    SagaStep step() {
        return SagaStep.valueOf(name());
    }

    boolean forward() {
        return kind == Kind.FORWARD;
    }

    void entered(StepSaga saga) {
        entered.accept(saga);
    }

    List<Object> outstanding(StepSaga saga) {
        return outstanding.apply(saga);
    }

    boolean done(StepSaga saga) {
        return done.test(saga);
    }

    void next(StepSaga saga) {
        next.accept(saga);
    }

    /**
     * A participant refused one of this row's commands; answers whether that moved the saga on
     * (otherwise the refusal counts towards holding the command).
     */
    boolean refused(StepSaga saga, String commandKey, String detail) {
        switch (refusal) {
            case REJECTS_LINE -> {
                String product = commandKey.substring(commandKey.indexOf(':') + 1);
                if (!commandKey.startsWith("ReserveStock:") || !saga.lineIs(product, LineStatus.PENDING)) {
                    return false;
                }
                saga.line(product, LineStatus.REJECTED);
                saga.fail(RejectionReason.PRODUCT_UNAVAILABLE, "product " + product + ": ReserveStock refused: " + detail);
                return true;
            }
            case DECLINES_PAYMENT -> {
                if (!commandKey.equals("RequestPayment") || saga.payment != PaymentStage.REQUESTED) {
                    return false;
                }
                saga.fail(RejectionReason.PAYMENT_DECLINED, "RequestPayment refused: " + detail);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Every message a row names as an answer: the sagas must handle each. */
    List<Class<?>> answers() {
        Doc doc = DOCS.get(this);
        return Stream.concat(doc.success().stream(), doc.refusal().stream()).toList();
    }

    /** The commands the row sends, as documented: {@code StepTableTest} checks the table builds each. */
    List<Class<?>> sends() {
        return DOCS.get(this).sends();
    }

    /** The table as docs/saga.md shows it. */
    static String markdown() {
        StringBuilder table = new StringBuilder()
                .append("| step | entered on | sends | success | refusal | no answer, failure |\n")
                .append("|---|---|---|---|---|---|\n");
        for (StepTable row : values()) {
            Doc doc = DOCS.get(row);
            table.append("| ").append(row.name())
                    .append(" | ").append(doc.enteredOn())
                    .append(" | ").append(names(row.sends())).append(" (").append(doc.sendsNote()).append(')')
                    .append(" | ").append(names(doc.success())).append(" → ").append(doc.onSuccess())
                    .append(" | ").append(doc.refusal().isEmpty() ? doc.onRefusal() : names(doc.refusal()) + " → " + doc.onRefusal())
                    .append(" | ").append(doc.onNoAnswer()).append(" |\n");
        }
        return table.toString();
    }

    private static String names(List<Class<?>> types) {
        return types.stream().map(type -> '`' + type.getSimpleName() + '`').collect(Collectors.joining(", "));
    }

    static List<SagaStep> steps() {
        return Arrays.stream(values()).map(StepTable::step).toList();
    }
}
