package io.sagashop.order.saga;

import io.sagashop.order.api.OrderPlaced;
import io.sagashop.payment.api.PaymentRequested;
import io.sagashop.payment.api.RequestPayment;

/** Names, producing services and short descriptions of messages, for the saga journal. */
final class MessageNames {

    private static final int MAX_DETAIL = 1000;

    private MessageNames() {
    }

    static String name(Object message) {
        return message.getClass().getSimpleName();
    }

    /** The service a message type belongs to, from its {@code -api} package. */
    static String service(Class<?> type) {
        String name = type.getName();
        if (name.startsWith("io.sagashop.catalog.")) {
            return "catalog";
        }
        if (name.startsWith("io.sagashop.payment.")) {
            return "payment";
        }
        return StepSaga.SERVICE;
    }

    /** The message's fields, without the payment token (a card or wallet reference stays out of the journal). */
    static String describe(Object message) {
        String text;
        if (message instanceof OrderPlaced placed) {
            text = "order " + placed.orderId() + " of " + placed.customerId() + ": " + placed.lines().size()
                    + " line(s), total " + placed.total() + " " + placed.currency();
        } else if (message instanceof RequestPayment request) {
            text = "payment " + request.paymentId() + " of " + request.amount() + " " + request.currency()
                    + " by " + request.method().type();
        } else if (message instanceof PaymentRequested requested) {
            text = "payment " + requested.paymentId() + " of " + requested.amount() + " " + requested.currency();
        } else {
            text = String.valueOf(message);
        }
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) : text;
    }
}
