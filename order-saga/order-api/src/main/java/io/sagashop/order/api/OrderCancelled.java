package io.sagashop.order.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * The order ended cancelled; nothing stays reserved and no money is kept.
 *
 * @param orderId    the order
 * @param customerId who placed it
 * @param lines      what was ordered
 * @param total      the order total
 * @param currency   ISO 4217 code
 * @param refunded   whether money had been captured and was refunded
 */
public record OrderCancelled(OrderId orderId, String customerId, List<OrderLine> lines, BigDecimal total, String currency,
                             boolean refunded) {

    public OrderCancelled {
        lines = List.copyOf(lines);
    }
}
