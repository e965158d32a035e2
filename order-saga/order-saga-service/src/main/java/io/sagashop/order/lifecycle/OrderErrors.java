package io.sagashop.order.lifecycle;

import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.platform.DomainError;
import org.axonframework.commandhandling.CommandExecutionException;

/** The Order aggregate's refusals, as problem+json-ready errors. */
final class OrderErrors {

    private OrderErrors() {
    }

    static CommandExecutionException invalid(String code, String field, String message) {
        return DomainError.invalid(code, field, message).exception();
    }

    static CommandExecutionException conflict(String code, String message) {
        return DomainError.conflict(code, message).exception();
    }

    static CommandExecutionException finalState(OrderId orderId, OrderStatus status, String what) {
        return conflict("order-" + status.name().toLowerCase(),
                "order " + orderId + " is " + status + " and cannot " + what);
    }
}
