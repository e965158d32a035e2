package io.sagashop.order.saga;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the saga remembers of an order beyond its own lifetime: a cancellation after
 * confirmation starts a new saga, and {@code OrderCancellationRequested} does not carry the lines.
 *
 * @param orderId    the order
 * @param customerId who placed it
 * @param total      its total
 * @param currency   ISO 4217 code
 * @param lines      product id and quantity per line
 */
record PlacedOrder(String orderId, String customerId, BigDecimal total, String currency, List<BookedLine> lines) {

    PlacedOrder {
        lines = List.copyOf(lines);
    }

    /**
     * @param productId the product's raw id
     * @param quantity  units ordered
     */
    record BookedLine(String productId, int quantity) {
    }
}
