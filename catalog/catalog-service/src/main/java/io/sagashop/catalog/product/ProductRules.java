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
            throw new InvalidProductCommandException(field, "must not be blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidProductCommandException(field, "must be at most " + maxLength + " characters");
        }
    }

    static void requireDescription(String value) {
        if (value == null) {
            throw new InvalidProductCommandException("description", "must not be null");
        }
        if (value.length() > MAX_DESCRIPTION) {
            throw new InvalidProductCommandException("description",
                    "must be at most " + MAX_DESCRIPTION + " characters");
        }
    }

    static void requirePrice(BigDecimal price, String currency) {
        if (price == null || price.signum() <= 0) {
            throw new InvalidProductCommandException("price", "must be greater than 0");
        }
        if (price.stripTrailingZeros().scale() > MAX_PRICE_SCALE) {
            throw new InvalidProductCommandException("price", "must have at most " + MAX_PRICE_SCALE + " decimals");
        }
        if (currency == null || !currency.matches("[A-Z]{3}") || !isIsoCurrency(currency)) {
            throw new InvalidProductCommandException("currency", "must be an ISO 4217 code such as EUR");
        }
    }

    static void requireQuantity(String field, int quantity, boolean zeroAllowed) {
        if (quantity < 0 || (quantity == 0 && !zeroAllowed)) {
            throw new InvalidProductCommandException(field, zeroAllowed ? "must not be negative" : "must be greater than 0");
        }
    }

    static void requireOrderId(String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw new InvalidProductCommandException("orderId", "must not be blank");
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
