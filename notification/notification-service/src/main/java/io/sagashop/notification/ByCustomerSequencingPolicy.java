package io.sagashop.notification;

import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderRefunded;
import io.sagashop.order.api.OrderRejected;
import io.sagashop.user.api.UserDeactivated;
import io.sagashop.user.api.UserPreferencesChanged;
import io.sagashop.user.api.UserProfileUpdated;
import io.sagashop.user.api.UserRegistered;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Puts a customer's user events and order outcomes in one sequence (the customer id). Events of
 * one sequence are handled in order, on one segment, so a new customer's contact details are
 * known before their first order outcome arrives; and when a notification fails and is
 * dead-lettered, that customer's later events wait behind it instead of overtaking it, while
 * other customers' notifications go on.
 */
class ByCustomerSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private final SequencingPolicy<? super EventMessage<?>> fallback = SequentialPerAggregatePolicy.instance();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object customer = customerOf(event.getPayload());
        return customer != null ? customer : fallback.getSequenceIdentifierFor(event);
    }

    private static String customerOf(Object payload) {
        if (payload instanceof UserRegistered e) {
            return e.userId().value();
        } else if (payload instanceof UserProfileUpdated e) {
            return e.userId().value();
        } else if (payload instanceof UserPreferencesChanged e) {
            return e.userId().value();
        } else if (payload instanceof UserDeactivated e) {
            return e.userId().value();
        } else if (payload instanceof OrderConfirmed e) {
            return e.customerId();
        } else if (payload instanceof OrderRejected e) {
            return e.customerId();
        } else if (payload instanceof OrderCancelled e) {
            return e.customerId();
        } else if (payload instanceof OrderRefunded e) {
            return e.customerId();
        }
        return null;
    }
}
