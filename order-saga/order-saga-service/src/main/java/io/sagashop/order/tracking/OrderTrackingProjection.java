package io.sagashop.order.tracking;

import io.sagashop.catalog.api.StockReserved;
import io.sagashop.order.api.FindOrderQuery;
import io.sagashop.order.api.FindOrderRangeQuery;
import io.sagashop.order.api.FindOrdersQuery;
import io.sagashop.order.api.OrderCancellationRequested;
import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderCompensationRequested;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderPageView;
import io.sagashop.order.api.OrderPaymentPending;
import io.sagashop.order.api.OrderPlaced;
import io.sagashop.order.api.OrderRangeView;
import io.sagashop.order.api.OrderRefunded;
import io.sagashop.order.api.OrderRejected;
import io.sagashop.order.api.OrderSagaEndRequested;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderStepRetryRequested;
import io.sagashop.order.api.OrderStockReserved;
import io.sagashop.order.api.OrderView;
import io.sagashop.payment.api.PaymentCaptured;
import io.sagashop.payment.api.PaymentDeclined;
import io.sagashop.payment.api.PaymentRefundRequested;
import io.sagashop.payment.api.PaymentRefunded;
import io.sagashop.payment.api.PaymentRequested;
import io.sagashop.payment.api.PaymentVoided;
import io.sagashop.payment.api.PaymentStatus;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code order_view} up to date from the order's own events and from the catalog and payment
 * events that carry its id, and answers {@link FindOrderQuery} and {@link FindOrdersQuery}. Each applied
 * event leaves a timeline step holding its id, so an event delivered twice changes nothing. Every
 * change is emitted to the {@link FindOrderQuery} subscriptions (the live status stream).
 */
@Component
@ProcessingGroup(OrderTrackingProjection.GROUP)
class OrderTrackingProjection {

    static final String GROUP = "order-tracking";

    private final OrderEntries entries;
    private final QueryUpdateEmitter emitter;

    OrderTrackingProjection(OrderEntries entries, QueryUpdateEmitter emitter) {
        this.entries = entries;
        this.emitter = emitter;
    }

    @EventHandler
    void on(OrderPlaced event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        OrderEntry entry = new OrderEntry(event.orderId(), event.customerId(), event.lines(), event.total(),
                event.currency(), event.paymentMethod() == null ? null : event.paymentMethod().type(),
                event.shippingAddress(), at);
        entry.step(eventId, "PLACED", at, null);
        if (entries.add(entry)) {
            emit(entry);
        }
    }

    // STOCK_RESERVED and PAYMENT_PENDING come from the participants' events (the catalog's
    // StockReserved of every line, the payment's PaymentRequested), not from commands the saga
    // would send to the order only for this view. Orders placed before that still have
    // OrderStockReserved and OrderPaymentPending in their history, handled below.

    @EventHandler
    void on(StockReserved event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        entries.findById(event.orderId()).ifPresent(entry -> {
            if (entry.lineReserved(event.productId().value()) && entry.status() == OrderStatus.PLACED) {
                entry.status(OrderStatus.STOCK_RESERVED);
                entry.step(eventId, "STOCK_RESERVED", at, null);
                entries.save(entry);
                emit(entry);
            } else {
                entries.save(entry);
            }
        });
    }

    @EventHandler
    void on(OrderStockReserved event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        update(event.orderId().value(), eventId, "STOCK_RESERVED", at, null, entry -> entry.status(OrderStatus.STOCK_RESERVED));
    }

    @EventHandler
    void on(OrderPaymentPending event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        update(event.orderId().value(), eventId, "PAYMENT_PENDING", at, "payment " + event.paymentId(), entry -> {
            entry.status(OrderStatus.PAYMENT_PENDING);
            entry.payment(event.paymentId().value(), null);
        });
    }

    @EventHandler
    void on(OrderConfirmed event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        update(event.orderId().value(), eventId, "CONFIRMED", at, null, entry -> {
            entry.status(OrderStatus.CONFIRMED);
            entry.payment(event.paymentId().value(), null);
        });
    }

    @EventHandler
    void on(OrderRejected event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        update(event.orderId().value(), eventId, "REJECTED", at, event.reason() + ": " + event.detail(), entry -> {
            entry.status(OrderStatus.REJECTED);
            entry.rejected(event.reason(), event.detail());
        });
    }

    @EventHandler
    void on(OrderCancellationRequested event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        update(event.orderId().value(), eventId, "CANCELLATION_REQUESTED", at,
                blankToNull(event.reason()), entry -> { });
    }

    @EventHandler
    void on(OrderRefunded event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        update(event.orderId().value(), eventId, "REFUNDED", at, event.amount() + " " + event.currency(),
                entry -> entry.payment(event.paymentId().value(), PaymentStatus.REFUNDED.name()));
    }

    @EventHandler
    void on(OrderCancelled event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        update(event.orderId().value(), eventId, "CANCELLED", at, event.refunded() ? "refunded" : null,
                entry -> entry.status(OrderStatus.CANCELLED));
    }

    @EventHandler
    void on(OrderCompensationRequested event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        update(event.orderId().value(), eventId, "COMPENSATION_REQUESTED", at, event.operator() + ": " + event.reason(),
                entry -> { });
    }

    @EventHandler
    void on(OrderStepRetryRequested event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        update(event.orderId().value(), eventId, "RETRY_REQUESTED", at, event.operator(), entry -> { });
    }

    @EventHandler
    void on(OrderSagaEndRequested event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        update(event.orderId().value(), eventId, "SAGA_ENDED", at, event.operator() + ": " + event.reason(), entry -> { });
    }

    // The payment service's events carry the order id: the view follows the payment's state.

    @EventHandler
    void on(PaymentRequested event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        update(event.orderId(), eventId, "PAYMENT_PENDING", at, "payment " + event.paymentId().value(), entry -> {
            if (entry.status() == OrderStatus.PLACED || entry.status() == OrderStatus.STOCK_RESERVED) {
                entry.status(OrderStatus.PAYMENT_PENDING);
            }
            entry.payment(event.paymentId().value(), PaymentStatus.REQUESTED.name());
        });
    }

    @EventHandler
    void on(PaymentCaptured event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        payment(event.orderId(), event.paymentId().value(), PaymentStatus.CAPTURED, eventId, at,
                event.amount() + " " + event.currency());
    }

    @EventHandler
    void on(PaymentDeclined event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        payment(event.orderId(), event.paymentId().value(), PaymentStatus.DECLINED, eventId, at, event.reason());
    }

    @EventHandler
    void on(PaymentVoided event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        payment(event.orderId(), event.paymentId().value(), PaymentStatus.VOIDED, eventId, at, event.reason());
    }

    @EventHandler
    void on(PaymentRefundRequested event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        payment(event.orderId(), event.paymentId().value(), PaymentStatus.REFUND_PENDING, eventId, at, null);
    }

    @EventHandler
    void on(PaymentRefunded event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        payment(event.orderId(), event.paymentId().value(), PaymentStatus.REFUNDED, eventId, at,
                event.amount() + " " + event.currency());
    }

    @ResetHandler
    void reset() {
        entries.deleteAll();
    }

    /** The order, or {@code null} (answered as an empty optional to {@code optionalInstanceOf}). */
    @QueryHandler
    OrderView handle(FindOrderQuery query) {
        return entries.findById(query.orderId().value()).map(OrderEntry::toView).orElse(null);
    }

    /** Every order, a range of order ids at a time (the audit's reading). */
    @QueryHandler
    OrderRangeView handle(FindOrderRangeQuery query) {
        List<OrderView> orders = entries.after(query.afterOrderId() == null ? null : query.afterOrderId().value(), query.limit())
                .stream().map(OrderEntry::toView).toList();
        return new OrderRangeView(orders, orders.size() < query.limit() ? null : orders.get(orders.size() - 1).orderId());
    }

    @QueryHandler
    OrderPageView handle(FindOrdersQuery query) {
        int size = Math.max(1, Math.min(200, query.size()));
        int page = Math.max(0, query.page());
        OrderEntries.Page found = entries.find(query.customerId(), query.status(), page, size);
        return new OrderPageView(found.entries().stream().map(OrderEntry::toView).toList(), page, size,
                found.total());
    }

    private void payment(String orderId, String paymentId, PaymentStatus status, String eventId, Instant at,
                         String detail) {
        update(orderId, eventId, "PAYMENT_" + status.name(), at, detail == null ? "payment " + paymentId
                : "payment " + paymentId + ": " + detail, entry -> entry.payment(paymentId, status.name()));
    }

    private void update(String orderId, String eventId, String step, Instant at, String detail,
                        Consumer<OrderEntry> change) {
        entries.findById(orderId).ifPresent(entry -> {
            if (entry.applied(eventId)) {
                return;
            }
            change.accept(entry);
            entry.step(eventId, step, at, detail);
            entries.save(entry);
            emit(entry);
        });
    }

    private void emit(OrderEntry entry) {
        OrderView view = entry.toView();
        emitter.emit(FindOrderQuery.class, query -> query.orderId().equals(view.orderId()), view);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
