package io.sagashop.catalog.product;

import io.sagashop.platform.web.MultiLineText;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * The bodies of the admin endpoints; checked before any command is sent. A description may span
 * lines ({@link MultiLineText}); every other text field is one line (the platform refuses control
 * characters in all of them).
 */
final class ProductRequests {

    private ProductRequests() {
    }

    /** {@code POST /products}. */
    record AddProductRequest(
            @NotBlank @Size(max = ProductRules.MAX_SKU) String sku,
            @NotBlank @Size(max = ProductRules.MAX_NAME) String name,
            @NotNull @Size(max = ProductRules.MAX_DESCRIPTION) @MultiLineText String description,
            @NotBlank @Size(max = ProductRules.MAX_CATEGORY) String category,
            @NotNull @DecimalMin(value = "0.01") @Digits(integer = 17, fraction = 2) BigDecimal price,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
            @NotNull @PositiveOrZero Integer initialStock) {
    }

    /** {@code PUT /products/{id}}: the full editable representation. */
    record UpdateProductRequest(
            @NotBlank @Size(max = ProductRules.MAX_NAME) String name,
            @NotNull @Size(max = ProductRules.MAX_DESCRIPTION) @MultiLineText String description,
            @NotBlank @Size(max = ProductRules.MAX_CATEGORY) String category,
            @NotNull @DecimalMin(value = "0.01") @Digits(integer = 17, fraction = 2) BigDecimal price,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    /** {@code POST /products/{id}/restock}. */
    record RestockRequest(@NotNull @Positive Integer quantity) {
    }

    /** The answer to {@code POST /products}. */
    record ProductCreated(String id) {
    }
}
