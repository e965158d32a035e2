package io.sagashop.catalog.api;

/**
 * A reservation could not be made; the saga rejects the order. Also published, without a
 * product aggregate behind it, when the product does not exist ({@link
 * StockRejectionReason#UNKNOWN_PRODUCT}).
 *
 * @param productId the product asked for
 * @param orderId   the order
 * @param quantity  units asked for
 * @param reason    why
 */
public record StockReservationRejected(ProductId productId, String orderId, int quantity,
                                       StockRejectionReason reason) {
}
