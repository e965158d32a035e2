package io.sagashop.catalog.product;

import io.sagashop.platform.DomainError;
import org.axonframework.commandhandling.CommandExecutionException;

/**
 * The caller mistakes the product's handlers report. Each is a {@link DomainError} inside a
 * {@link CommandExecutionException}, so its status and field survive the trip through the hub and
 * the platform answers with the right problem+json.
 */
final class ProductErrors {

    static final String INVALID = "invalid-product-command";
    static final String SKU_TAKEN = "sku-taken";
    static final String DISCONTINUED = "product-discontinued";
    static final String RESERVATION_MISMATCH = "reservation-quantity-mismatch";
    static final String NOT_RESERVED = "stock-not-reserved";
    static final String ALREADY_SOLD = "stock-already-sold";
    static final String NOT_SOLD = "stock-not-sold";

    private ProductErrors() {
    }

    static CommandExecutionException invalid(String field, String message) {
        return DomainError.invalid(INVALID, field, field + " " + message).exception();
    }

    static CommandExecutionException conflict(String code, String message) {
        return DomainError.conflict(code, message).exception();
    }

    static CommandExecutionException conflict(String code, String field, String message) {
        return DomainError.conflict(code, field, message).exception();
    }
}
