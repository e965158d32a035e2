package io.sagashop.order.saga;

/**
 * One order line in the saga's state.
 *
 * @param productId the product, as the catalog's raw id
 * @param quantity  units ordered
 * @param status    where it stands at the catalog
 */
record SagaLine(String productId, int quantity, LineStatus status) {

    SagaLine with(LineStatus newStatus) {
        return new SagaLine(productId, quantity, newStatus);
    }

    boolean is(LineStatus expected) {
        return status == expected;
    }
}
