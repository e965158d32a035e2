package io.sagashop.order.saga;

import io.sagashop.catalog.api.CommitStock;
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
import io.sagashop.order.api.MarkOrderPaymentPending;
import io.sagashop.order.api.MarkOrderStockReserved;
import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderRefunded;
import io.sagashop.order.api.OrderRejected;
import io.sagashop.order.api.RecordOrderRefund;
import io.sagashop.order.api.RejectOrder;
import io.sagashop.payment.api.CancelPayment;
import io.sagashop.payment.api.PaymentCaptured;
import io.sagashop.payment.api.PaymentDeclined;
import io.sagashop.payment.api.PaymentRefunded;
import io.sagashop.payment.api.PaymentVoided;
import io.sagashop.payment.api.RefundPayment;
import io.sagashop.payment.api.RequestPayment;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The order saga's steps, each declared once: what it sends, which answers mean success or
 * refusal, what happens when nothing answers, and where it goes. {@link OrderSaga} implements these
 * rows; {@code StepTableTest} checks that it handles every answer named here and that
 * docs/saga.md shows exactly {@link #markdown()}.
 *
 * <p>Common to every row: the step deadline ({@code step-deadline}) is armed in the unit of work
 * that enters or advances the step, and when it fires the step's unanswered commands are sent
 * again with a doubling wait; in the forward steps only until the order deadline, which then
 * compensates. A refused command (4xx) is journalled and resent the same way: a saga that only
 * resends shows as STUCK for an operator (retry, compensate, end).
 */
enum StepTable {

    RESERVING_STOCK(SagaStep.RESERVING_STOCK,
            "`OrderPlaced` (order deadline set)",
            List.of(ReserveStock.class), "per line",
            List.of(StockReserved.class), "every line reserved: AWAITING_PAYMENT",
            List.of(StockReservationRejected.class), "COMPENSATING, REJECTED(OUT_OF_STOCK or PRODUCT_UNAVAILABLE)",
            "resent; at the order deadline COMPENSATING, REJECTED(DEADLINE_PASSED)"),
    AWAITING_PAYMENT(SagaStep.AWAITING_PAYMENT,
            "the last `StockReserved`",
            List.of(MarkOrderStockReserved.class, MarkOrderPaymentPending.class, RequestPayment.class), "in this order",
            List.of(PaymentCaptured.class), "CONFIRMING",
            List.of(PaymentDeclined.class), "COMPENSATING, REJECTED(PAYMENT_DECLINED)",
            "resent; at the order deadline COMPENSATING, REJECTED(DEADLINE_PASSED)"),
    CONFIRMING(SagaStep.CONFIRMING,
            "`PaymentCaptured`",
            List.of(CommitStock.class, ConfirmOrder.class), "per line, and the order",
            List.of(StockCommitted.class, OrderConfirmed.class), "every line committed and the order confirmed: COMPLETED",
            List.of(), "a refusal is resent (STUCK for an operator)",
            "resent until answered"),
    COMPENSATING(SagaStep.COMPENSATING,
            "a refusal, a decline, the order deadline or an operator in a forward step",
            List.of(ReleaseStock.class, CancelPayment.class, RefundPayment.class, RejectOrder.class),
            "for what is held; RefundPayment for a capture after the decision",
            List.of(StockReleased.class, PaymentVoided.class, PaymentRefunded.class, OrderRejected.class),
            "nothing held, the order rejected: COMPENSATED",
            List.of(), "a refusal is resent (STUCK for an operator)",
            "resent until answered"),
    CANCELLING(SagaStep.CANCELLING,
            "`OrderCancellationRequested` before capture",
            List.of(ReleaseStock.class, CancelPayment.class, CancelOrder.class), "CancelOrder once nothing is held",
            List.of(StockReleased.class, PaymentVoided.class, OrderCancelled.class), "the order cancelled: COMPLETED",
            List.of(), "a refusal is resent (STUCK for an operator)",
            "resent until answered"),
    REFUNDING(SagaStep.REFUNDING,
            "`OrderCancellationRequested` after capture (a new saga once the order's ended)",
            List.of(RefundPayment.class, ReturnStock.class, CancelOrder.class),
            "no RefundPayment if refunded already; CancelOrder once refunded and returned",
            List.of(PaymentRefunded.class, StockReturned.class, OrderCancelled.class), "the order cancelled: COMPLETED",
            List.of(), "a refusal is resent (STUCK for an operator)",
            "resent until answered"),
    RECORDING_REFUND(SagaStep.RECORDING_REFUND,
            "`PaymentRefunded` with no saga (a late capture refunded, or an operator's refund)",
            List.of(RecordOrderRefund.class), "a confirmed order then asks for its cancellation: REFUNDING",
            List.of(OrderRefunded.class), "COMPENSATED",
            List.of(), "—",
            "resent until answered");

    private final SagaStep step;
    private final String enteredOn;
    private final List<Class<?>> sends;
    private final String sendsNote;
    private final List<Class<?>> success;
    private final String onSuccess;
    private final List<Class<?>> refusal;
    private final String onRefusal;
    private final String onNoAnswer;

    StepTable(SagaStep step, String enteredOn, List<Class<?>> sends, String sendsNote, List<Class<?>> success, String onSuccess,
              List<Class<?>> refusal, String onRefusal, String onNoAnswer) {
        this.step = step;
        this.enteredOn = enteredOn;
        this.sends = sends;
        this.sendsNote = sendsNote;
        this.success = success;
        this.onSuccess = onSuccess;
        this.refusal = refusal;
        this.onRefusal = onRefusal;
        this.onNoAnswer = onNoAnswer;
    }

    SagaStep step() {
        return step;
    }

    /** Every message a row names as an answer: the saga must handle each. */
    List<Class<?>> answers() {
        return Stream.concat(success.stream(), refusal.stream()).toList();
    }

    List<Class<?>> sends() {
        return sends;
    }

    /** The table as docs/saga.md shows it. */
    static String markdown() {
        StringBuilder table = new StringBuilder()
                .append("| step | entered on | sends | success | refusal | no answer, failure |\n")
                .append("|---|---|---|---|---|---|\n");
        for (StepTable row : values()) {
            table.append("| ").append(row.step.name())
                    .append(" | ").append(row.enteredOn)
                    .append(" | ").append(names(row.sends)).append(" (").append(row.sendsNote).append(')')
                    .append(" | ").append(names(row.success)).append(" → ").append(row.onSuccess)
                    .append(" | ").append(row.refusal.isEmpty() ? row.onRefusal : names(row.refusal) + " → " + row.onRefusal)
                    .append(" | ").append(row.onNoAnswer).append(" |\n");
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
