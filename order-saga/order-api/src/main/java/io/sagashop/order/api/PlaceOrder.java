package io.sagashop.order.api;

import io.sagashop.payment.api.PaymentMethod;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Places an order whose lines are already priced from the catalog (the HTTP layer asks
 * {@code FindPricesQuery}; a client never sets prices). Answered with the {@link OrderId}.
 *
 * @param orderId         the new order's id
 * @param customerId      the customer (user id) placing it
 * @param lines           at least one line
 * @param currency        ISO 4217 code shared by every line
 * @param paymentMethod   how the customer pays: the payment provider's token with the card's brand and last
 *                        four digits (or a wallet id), never a card number
 * @param shippingAddress where it goes
 */
public record PlaceOrder(@TargetAggregateIdentifier OrderId orderId, String customerId, List<OrderLine> lines,
                         String currency, PaymentMethod paymentMethod, ShippingAddress shippingAddress) {

    public PlaceOrder {
        lines = List.copyOf(lines);
    }

    /** The sum of the line totals. */
    public BigDecimal total() {
        return lines.stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
