package io.sagashop.catalog.product;

import java.math.BigDecimal;
import java.util.Currency;

/** Field rules shared by the product's command handlers; each failure names its field. */
final class ProductRules {

    static final int MAX_SKU = 64;
    static final int MAX_NAME = 200;
    static final int MAX_CATEGORY = 100;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_PRICE_SCALE = 2;

    private ProductRules() {
    }

    static void requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ProductErrors.invalid(field, "must not be blank");
        }
        if (value.length() > maxLength) {
            throw ProductErrors.invalid(field, "must be at most " + maxLength + " characters");
        }
    }

    static void requireDescription(String value) {
        if (value == null) {
            throw ProductErrors.invalid("description", "must not be null");
        }
        if (value.length() > MAX_DESCRIPTION) {
            throw ProductErrors.invalid("description",
                    "must be at most " + MAX_DESCRIPTION + " characters");
        }
    }

    static void requirePrice(BigDecimal price, String currency) {
        if (price == null || price.signum() <= 0) {
            throw ProductErrors.invalid("price", "must be greater than 0");
        }
        if (price.stripTrailingZeros().scale() > MAX_PRICE_SCALE) {
            throw ProductErrors.invalid("price", "must have at most " + MAX_PRICE_SCALE + " decimals");
        }
        if (currency == null || !currency.matches("[A-Z]{3}") || !isIsoCurrency(currency)) {
            throw ProductErrors.invalid("currency", "must be an ISO 4217 code such as EUR");
        }
    }

    static void requireQuantity(String field, int quantity, boolean zeroAllowed) {
        if (quantity < 0 || (quantity == 0 && !zeroAllowed)) {
            throw ProductErrors.invalid(field, zeroAllowed ? "must not be negative" : "must be greater than 0");
        }
    }

    static void requireOrderId(String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw ProductErrors.invalid("orderId", "must not be blank");
        }
    }

    private static boolean isIsoCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
