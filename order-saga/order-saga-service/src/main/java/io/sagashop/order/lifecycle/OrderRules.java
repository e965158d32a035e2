package io.sagashop.order.lifecycle;

import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.PlaceOrder;
import java.math.BigDecimal;

/**
 * What a new order must satisfy. The HTTP layer checks the same with friendlier messages before
 * it prices the order; this is the last line, so a command sent by other means cannot create a
 * malformed order either.
 */
final class OrderRules {

    private OrderRules() {
    }

    static void validate(PlaceOrder command) {
        if (command.customerId() == null || command.customerId().isBlank()) {
            throw OrderErrors.invalid("customer-missing", "customerId", "an order needs a customer");
        }
        if (command.lines().isEmpty()) {
            throw OrderErrors.invalid("order-empty", "lines", "an order needs at least one line");
        }
        for (int i = 0; i < command.lines().size(); i++) {
            OrderLine line = command.lines().get(i);
            if (line.productId() == null) {
                throw OrderErrors.invalid("product-missing", "lines[" + i + "].productId", "a line needs a product");
            }
            if (line.quantity() <= 0) {
                throw OrderErrors.invalid("quantity-not-positive", "lines[" + i + "].quantity", "a quantity must be greater than zero");
            }
            if (line.unitPrice() == null || line.unitPrice().compareTo(BigDecimal.ZERO) < 0) {
                throw OrderErrors.invalid("price-invalid", "lines[" + i + "].unitPrice", "a line needs a price of zero or more");
            }
        }
        if (command.lines().stream().map(OrderLine::productId).distinct().count() != command.lines().size()) {
            throw OrderErrors.invalid("product-repeated", "lines", "each product may appear on one line only");
        }
        if (command.currency() == null || command.currency().isBlank()) {
            throw OrderErrors.invalid("currency-missing", "currency", "an order needs a currency");
        }
        if (command.paymentMethod() == null || command.paymentMethod().type() == null) {
            throw OrderErrors.invalid("payment-method-missing", "paymentMethod", "an order needs a payment method");
        }
        if (command.shippingAddress() == null) {
            throw OrderErrors.invalid("address-missing", "shippingAddress", "an order needs a shipping address");
        }
    }
}
