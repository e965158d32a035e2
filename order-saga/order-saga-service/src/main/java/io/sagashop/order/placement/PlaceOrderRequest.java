package io.sagashop.order.placement;

import io.sagashop.payment.api.PaymentMethodType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /orders}. Carries no prices: those come from the catalog. The limits
 * that are settings (lines per order, units per line) are checked by {@link OrderRequestRules}.
 */
record PlaceOrderRequest(
        @NotEmpty(message = "an order needs at least one line") List<@NotNull @Valid Line> lines,
        @NotNull(message = "a payment method is needed") @Valid Payment paymentMethod,
        @NotNull(message = "a shipping address is needed") @Valid Address shippingAddress) {

    /** Ids are the catalog's: letters, digits and a few separators. */
    static final String ID_PATTERN = "[A-Za-z0-9._:-]{1,64}";

    record Line(
            @NotBlank(message = "a line needs a product") @Pattern(regexp = ID_PATTERN, message = "is not a product id")
            String productId,
            @NotNull(message = "a line needs a quantity") @Positive(message = "must be greater than zero")
            Integer quantity) {
    }

    /**
     * How the customer pays: a card by the token the payment provider gave the customer's device
     * for the card details (with the brand and last four digits it reported), or a wallet id.
     * A card number is refused ({@link OrderRequestRules}).
     */
    record Payment(
            @NotNull(message = "must be CARD or WALLET") PaymentMethodType type,
            @NotBlank(message = "a payment token is needed") @Size(max = 200) String token,
            @Pattern(regexp = "[a-z_]{1,20}", message = "must be a card brand such as visa") String brand,
            @Pattern(regexp = "\\d{4}", message = "must be the card's last four digits") String last4) {
    }

    record Address(
            @NotBlank(message = "a recipient is needed") @Size(max = 200) String recipient,
            @NotBlank(message = "a street is needed") @Size(max = 200) String street,
            @NotBlank(message = "a postal code is needed") @Size(max = 20) String postalCode,
            @NotBlank(message = "a city is needed") @Size(max = 100) String city,
            @NotBlank(message = "a country is needed")
            @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country) {
    }
}
