package io.sagashop.notification.delivery;

import io.sagashop.notification.ProcessingGroups;
import io.sagashop.notification.api.NotificationOutcome;
import io.sagashop.notification.message.OrderNotice;
import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderRefunded;
import io.sagashop.order.api.OrderRejected;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Turns the four final order events into notices and hands them to the {@link Notifier}. A
 * failure propagates: the event goes to the dead-letter queue of group
 * {@value ProcessingGroups#NOTIFICATIONS}.
 */
@Component
@ProcessingGroup(ProcessingGroups.NOTIFICATIONS)
class OrderOutcomeHandler {

    private final Notifier notifier;
    private final KnownOrders orders;

    OrderOutcomeHandler(Notifier notifier, KnownOrders orders) {
        this.notifier = notifier;
        this.orders = orders;
    }

    @EventHandler
    void on(OrderConfirmed e) {
        orders.remember(e.orderId().value(), e.lines());
        notifier.notify(new OrderNotice(e.orderId().value(), e.customerId(), NotificationOutcome.CONFIRMED, e.lines(),
                e.total(), e.currency(), null, null, false));
    }

    @EventHandler
    void on(OrderRejected e) {
        orders.remember(e.orderId().value(), e.lines());
        notifier.notify(new OrderNotice(e.orderId().value(), e.customerId(), NotificationOutcome.REJECTED, e.lines(),
                e.total(), e.currency(), e.reason() == null ? null : e.reason().name(), e.detail(), false));
    }

    @EventHandler
    void on(OrderCancelled e) {
        orders.remember(e.orderId().value(), e.lines());
        notifier.notify(new OrderNotice(e.orderId().value(), e.customerId(), NotificationOutcome.CANCELLED, e.lines(),
                e.total(), e.currency(), null, null, e.refunded()));
    }

    @EventHandler
    void on(OrderRefunded e) {
        notifier.notify(new OrderNotice(e.orderId().value(), e.customerId(), NotificationOutcome.REFUNDED,
                orders.lines(e.orderId().value()), e.amount(), e.currency(), null, null, false));
    }

    /** A replay rebuilds the remembered lines; the delivery records stay, so nothing is sent twice. */
    @ResetHandler
    void reset() {
        orders.forgetAll();
    }
}
