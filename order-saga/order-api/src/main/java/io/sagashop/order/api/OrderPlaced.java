package io.sagashop.order.api;

import io.sagashop.payment.api.PaymentMethod;
import java.math.BigDecimal;
import java.util.List;

/**
 * An order was accepted; the order saga starts here.
 *
 * @param orderId         the order
 * @param customerId      who placed it
 * @param lines           the priced lines
 * @param total           sum of the line totals
 * @param currency        ISO 4217 code
 * @param paymentMethod   how the customer pays: the payment provider's token with the card's brand and last
 *                        four digits (or a wallet id), never a card number
 * @param shippingAddress where it goes
 */
public record OrderPlaced(OrderId orderId, String customerId, List<OrderLine> lines, BigDecimal total, String currency,
                          PaymentMethod paymentMethod, ShippingAddress shippingAddress) {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }
}
