package io.sagashop.order.saga;

import io.sagashop.catalog.api.CommitStock;
import io.sagashop.catalog.api.ReleaseStock;
import io.sagashop.catalog.api.ReserveStock;
import io.sagashop.catalog.api.ReturnStock;
import io.sagashop.catalog.api.StockCommitted;
import io.sagashop.catalog.api.StockRejectionReason;
import io.sagashop.catalog.api.StockReleased;
import io.sagashop.catalog.api.StockReservationRejected;
import io.sagashop.catalog.api.StockReserved;
import io.sagashop.catalog.api.StockReturned;
import io.sagashop.payment.api.CancelPayment;
import io.sagashop.payment.api.PaymentCaptured;
import io.sagashop.payment.api.PaymentDeclined;
import io.sagashop.payment.api.PaymentRefundRequested;
import io.sagashop.payment.api.PaymentRefunded;
import io.sagashop.payment.api.PaymentVoided;
import io.sagashop.payment.api.RefundPayment;
import io.sagashop.payment.api.RequestPayment;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.gateway.EventGateway;

/**
 * Stand-ins for the catalog and payment services in service tests (those services are not
 * dependencies of this one): command handlers that answer with the participants' events through
 * the hub. Behaviour by input: a product id starting with {@code short-} is out of stock, with
 * {@code silent-} never answered; a payment token {@code decline} is declined, {@code silent}
 * never answered; everything else is reserved and captured. Not a {@code @Component}, so only
 * the tests that list it in their application classes get it.
 */
class FakeParticipants {

    private final EventGateway events;
    private final Map<String, Integer> reserved = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> captured = new ConcurrentHashMap<>();
    final List<Object> received = new CopyOnWriteArrayList<>();

    FakeParticipants(EventGateway events) {
        this.events = events;
    }

    @CommandHandler
    void handle(ReserveStock command) {
        received.add(command);
        String product = command.productId().toString();
        if (product.startsWith("silent-")) {
            return;
        }
        if (product.startsWith("short-")) {
            events.publish(new StockReservationRejected(command.productId(), command.orderId(), command.quantity(),
                    StockRejectionReason.INSUFFICIENT_STOCK));
            return;
        }
        if (reserved.putIfAbsent(key(product, command.orderId()), command.quantity()) == null) {
            events.publish(new StockReserved(command.productId(), command.orderId(), command.quantity(), BigDecimal.ONE, "EUR"));
        }
    }

    @CommandHandler
    void handle(ReleaseStock command) {
        received.add(command);
        Integer quantity = reserved.remove(key(command.productId().toString(), command.orderId()));
        if (quantity != null) {
            events.publish(new StockReleased(command.productId(), command.orderId(), quantity));
        }
    }

    @CommandHandler
    void handle(CommitStock command) {
        received.add(command);
        Integer quantity = reserved.get(key(command.productId().toString(), command.orderId()));
        events.publish(new StockCommitted(command.productId(), command.orderId(), quantity == null ? 0 : quantity));
    }

    @CommandHandler
    void handle(ReturnStock command) {
        received.add(command);
        Integer quantity = reserved.remove(key(command.productId().toString(), command.orderId()));
        events.publish(new StockReturned(command.productId(), command.orderId(), quantity == null ? 0 : quantity));
    }

    @CommandHandler
    void handle(RequestPayment command) {
        received.add(command);
        String token = command.method().token();
        if ("silent".equals(token)) {
            return;
        }
        if ("decline".equals(token)) {
            events.publish(new PaymentDeclined(command.paymentId(), command.orderId(), "card", "card_declined"));
            return;
        }
        captured.put(command.paymentId().toString(), command.amount());
        events.publish(new PaymentCaptured(command.paymentId(), command.orderId(), command.amount(), command.currency(),
                "card", "ch_" + command.paymentId()));
    }

    @CommandHandler
    void handle(CancelPayment command) {
        received.add(command);
        BigDecimal amount = captured.remove(command.paymentId().toString());
        if (amount == null) {
            events.publish(new PaymentVoided(command.paymentId(), orderOf(command.paymentId().toString()), command.reason()));
        } else {
            refund(command.paymentId(), amount, command.reason());
        }
    }

    @CommandHandler
    void handle(RefundPayment command) {
        received.add(command);
        BigDecimal amount = captured.remove(command.paymentId().toString());
        if (amount != null) {
            refund(command.paymentId(), amount, command.reason());
        }
    }

    private void refund(io.sagashop.payment.api.PaymentId paymentId, BigDecimal amount, String reason) {
        String orderId = orderOf(paymentId.toString());
        events.publish(new PaymentRefundRequested(paymentId, orderId, amount, "EUR", "card", "ch_" + paymentId, reason));
        events.publish(new PaymentRefunded(paymentId, orderId, amount, "EUR", "re_" + paymentId));
    }

    private String orderOf(String paymentId) {
        return received.stream().filter(RequestPayment.class::isInstance).map(RequestPayment.class::cast)
                .filter(request -> request.paymentId().toString().equals(paymentId))
                .map(RequestPayment::orderId).findFirst().orElse("unknown");
    }

    <T> List<T> received(Class<T> type, String orderId) {
        return received.stream().filter(type::isInstance).map(type::cast)
                .filter(command -> command.toString().contains(orderId)).toList();
    }

    private static String key(String productId, String orderId) {
        return productId + "/" + orderId;
    }
}
