package io.sagashop.catalog.product;

/** A command that does not fit the product's current state (a 409). */
public class ProductConflictException extends IllegalStateException {

    ProductConflictException(String message) {
        super(message);
    }
}
