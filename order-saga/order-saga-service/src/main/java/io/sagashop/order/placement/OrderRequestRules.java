package io.sagashop.order.placement;

import io.sagashop.payment.api.CardNumbers;
import io.sagashop.platform.DomainError;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The checks of {@code POST /orders} that Bean Validation cannot express because they depend on
 * settings or on the whole list: how many lines, how many units, each product once; and no card
 * number where the provider's token belongs (checked first, before the body is fingerprinted).
 */
@Component
class OrderRequestRules {

    private final PlacementSettings settings;

    OrderRequestRules(PlacementSettings settings) {
        this.settings = settings;
    }

    void check(PlaceOrderRequest request) {
        if (CardNumbers.looksLikeCardNumber(request.paymentMethod().token())) {
            // The answer names the field and never repeats the value.
            throw DomainError.invalid("card-number-refused", "paymentMethod.token",
                    "paymentMethod.token must be the payment provider's token, never a card number: tokenize the card"
                            + " at the provider first").exception();
        }
        if (request.lines().size() > settings.maxLines()) {
            throw DomainError.invalid("too-many-lines", "lines",
                    "an order may have at most " + settings.maxLines() + " lines").exception();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            PlaceOrderRequest.Line line = request.lines().get(i);
            if (line.quantity() > settings.maxQuantityPerLine()) {
                throw DomainError.invalid("quantity-too-large", "lines[" + i + "].quantity",
                        "at most " + settings.maxQuantityPerLine() + " units per line").exception();
            }
            if (!seen.add(line.productId())) {
                throw DomainError.invalid("product-repeated", "lines[" + i + "].productId",
                        "product " + line.productId() + " is already on another line").exception();
            }
        }
    }
}
