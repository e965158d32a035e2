package io.sagashop.catalog.api;

/**
 * An order's reserved units went back to available stock. Quantity 0: nothing was held when the
 * release came, and the order's reservation of the product is released for good (a later
 * {@link ReserveStock} of it is rejected with {@link StockRejectionReason#ORDER_RELEASED}).
 *
 * @param productId the product
 * @param orderId   the order
 * @param quantity  units released, 0 when none were held
 */
public record StockReleased(ProductId productId, String orderId, int quantity) {
}
