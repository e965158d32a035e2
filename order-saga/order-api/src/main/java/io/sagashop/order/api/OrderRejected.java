package io.sagashop.order.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * The order ended rejected; nothing stays reserved and no money is kept.
 *
 * @param orderId    the order
 * @param customerId who placed it
 * @param lines      what was ordered
 * @param total      the order total (not charged)
 * @param currency   ISO 4217 code
 * @param reason     why, as a code
 * @param detail     why, in words
 */
public record OrderRejected(OrderId orderId, String customerId, List<OrderLine> lines, BigDecimal total, String currency,
                            RejectionReason reason, String detail) {

    public OrderRejected {
        lines = List.copyOf(lines);
    }
}
