package io.sagashop.notification.message;

import io.sagashop.notification.api.NotificationOutcome;
import io.sagashop.order.api.OrderLine;
import java.math.BigDecimal;
import java.util.List;

/**
 * One order outcome to tell a customer about, whatever event it came from.
 *
 * @param orderId    the order
 * @param customerId the customer
 * @param outcome    confirmed, rejected, cancelled or refunded
 * @param lines      what was ordered (empty when the event does not say and it is not known)
 * @param total      the order total, or for a refund the amount given back
 * @param currency   ISO 4217 code
 * @param reason     why it was rejected, as a code, or {@code null}
 * @param detail     why it was rejected, in words, or {@code null}
 * @param refunded   for a cancellation: whether money was given back
 */
public record OrderNotice(String orderId, String customerId, NotificationOutcome outcome, List<OrderLine> lines,
                          BigDecimal total, String currency, String reason, String detail, boolean refunded) {

    public OrderNotice {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
