package io.sagashop.order.lifecycle;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.sagashop.order.api.CancelOrder;
import io.sagashop.order.api.CompensateOrder;
import io.sagashop.order.api.ConfirmOrder;
import io.sagashop.order.api.EndOrderSaga;
import io.sagashop.order.api.OrderCancellationRequested;
import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderCompensationRequested;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderPaymentPending;
import io.sagashop.order.api.OrderPlaced;
import io.sagashop.order.api.OrderRefunded;
import io.sagashop.order.api.OrderRejected;
import io.sagashop.order.api.OrderSagaEndRequested;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderStepRetryRequested;
import io.sagashop.order.api.OrderStockReserved;
import io.sagashop.order.api.PlaceOrder;
import io.sagashop.order.api.RecordOrderRefund;
import io.sagashop.order.api.RejectOrder;
import io.sagashop.order.api.RequestOrderCancellation;
import io.sagashop.order.api.RetryOrderStep;
import io.sagashop.platform.axon.PlatformAxonAutoConfiguration;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One order. The saga drives it forward ({@code PLACED → CONFIRMED}) or ends it ({@code REJECTED},
 * {@code CANCELLED}); this class only guards the transitions. The order view's intermediate
 * statuses ({@code STOCK_RESERVED}, {@code PAYMENT_PENDING}) come from the participants' events;
 * {@code OrderStockReserved} and {@code OrderPaymentPending} are only in older orders' histories. A command whose effect already happened applies nothing, so the saga may repeat
 * any of its commands; a command that contradicts a final state is refused (409).
 */
@Aggregate(cache = PlatformAxonAutoConfiguration.AGGREGATE_CACHE)
class Order {

    @AggregateIdentifier
    private OrderId orderId;
    private String customerId;
    private List<OrderLine> lines;
    private BigDecimal total;
    private String currency;
    private OrderStatus status;
    private boolean cancellationRequested;
    private String cancellationRequestedBy;
    private String cancellationReason;
    private boolean refunded;

    protected Order() {
        // for Axon
    }

    @CommandHandler
    Order(PlaceOrder command) {
        OrderRules.validate(command);
        apply(new OrderPlaced(command.orderId(), command.customerId(), command.lines(), command.total(),
                command.currency(), command.paymentMethod(), command.shippingAddress()));
    }

    @CommandHandler
    void handle(ConfirmOrder command) {
        if (status == OrderStatus.CONFIRMED) {
            return;
        }
        requireNotFinal("be confirmed");
        apply(new OrderConfirmed(orderId, customerId, lines, total, currency, command.paymentId()));
        if (cancellationRequested) {
            // Asked for while the saga was already confirming (the payment captured): the
            // placement saga finishes the confirmation, and this cancellation of the confirmed
            // order is the cancellation saga's, which refunds and restocks.
            apply(new OrderCancellationRequested(orderId, customerId, cancellationRequestedBy, OrderStatus.CONFIRMED,
                    cancellationReason, lines, refunded));
        }
    }

    @CommandHandler
    void handle(RejectOrder command) {
        if (status == OrderStatus.REJECTED) {
            return;
        }
        requireNotFinal("be rejected");
        apply(new OrderRejected(orderId, customerId, lines, total, currency, command.reason(), command.detail()));
    }

    @CommandHandler
    void handle(RequestOrderCancellation command) {
        if (status == OrderStatus.REJECTED || status == OrderStatus.CANCELLED) {
            throw OrderErrors.finalState(orderId, status, "be cancelled");
        }
        if (!cancellationRequested) {
            apply(new OrderCancellationRequested(orderId, customerId, command.requestedBy(), status, command.reason(), lines,
                    refunded));
        }
    }

    /**
     * A refund of a confirmed order's payment (an operator's, outside the order) cancels the
     * order: a confirmed order keeps its money, so it cannot stay confirmed once refunded. The
     * cancellation saga then returns the stock without refunding again.
     */
    @CommandHandler
    void handle(RecordOrderRefund command) {
        if (!refunded) {
            apply(new OrderRefunded(orderId, customerId, command.paymentId(), command.amount(), command.currency()));
            if (status == OrderStatus.CONFIRMED && !cancellationRequested) {
                apply(new OrderCancellationRequested(orderId, customerId, "payment", status,
                        "payment " + command.paymentId() + " was refunded outside the order", lines, true));
            }
        }
    }

    @CommandHandler
    void handle(CancelOrder command) {
        if (status == OrderStatus.CANCELLED) {
            return;
        }
        if (status == OrderStatus.REJECTED) {
            throw OrderErrors.finalState(orderId, status, "be cancelled");
        }
        if (!cancellationRequested) {
            throw OrderErrors.conflict("cancellation-not-requested",
                    "order " + orderId + " can only be cancelled after its cancellation was requested");
        }
        apply(new OrderCancelled(orderId, customerId, lines, total, currency, refunded));
    }

    @CommandHandler
    void handle(RetryOrderStep command) {
        requireNotFinal("retry a step");
        apply(new OrderStepRetryRequested(orderId, command.operator()));
    }

    @CommandHandler
    void handle(CompensateOrder command) {
        requireNotFinal("be compensated");
        apply(new OrderCompensationRequested(orderId, command.operator(), command.reason()));
    }

    @CommandHandler
    void handle(EndOrderSaga command) {
        // Allowed in any status: it is the way out for a saga that outlived its order.
        apply(new OrderSagaEndRequested(orderId, command.operator(), command.reason()));
    }

    private void requireNotFinal(String what) {
        if (status.isFinal()) {
            throw OrderErrors.finalState(orderId, status, what);
        }
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orderId = event.orderId();
        customerId = event.customerId();
        lines = event.lines();
        total = event.total();
        currency = event.currency();
        status = OrderStatus.PLACED;
    }

    @EventSourcingHandler
    void on(OrderStockReserved event) {
        status = OrderStatus.STOCK_RESERVED;
    }

    @EventSourcingHandler
    void on(OrderPaymentPending event) {
        status = OrderStatus.PAYMENT_PENDING;
    }

    @EventSourcingHandler
    void on(OrderConfirmed event) {
        status = OrderStatus.CONFIRMED;
    }

    @EventSourcingHandler
    void on(OrderRejected event) {
        status = OrderStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(OrderCancellationRequested event) {
        cancellationRequested = true;
        cancellationRequestedBy = event.requestedBy();
        cancellationReason = event.reason();
    }

    @EventSourcingHandler
    void on(OrderRefunded event) {
        refunded = true;
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        status = OrderStatus.CANCELLED;
    }
}
