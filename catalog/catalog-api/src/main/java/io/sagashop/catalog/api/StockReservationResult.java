package io.sagashop.catalog.api;

import java.math.BigDecimal;

/**
 * The result of {@link ReserveStock}, {@link ReleaseStock}, {@link CommitStock} and
 * {@link ReturnStock}: the state of
 * the order's reservation of the product after the command. A repeated command gets the same
 * result as the first one (unless another command changed the reservation in between).
 *
 * @param productId       the product
 * @param orderId         the order
 * @param quantity        units of the reservation (0 for {@link ReservationStatus#NONE}, and for
 *                        {@link ReservationStatus#RELEASED} when released before it was made)
 * @param status          where the reservation stands
 * @param rejectionReason why it was rejected, or {@code null}
 * @param unitPrice       the reserved unit price, or {@code null} when never reserved
 * @param currency        ISO 4217 code of the price, or {@code null} when never reserved
 */
public record StockReservationResult(ProductId productId, String orderId, int quantity,
                                     ReservationStatus status, StockRejectionReason rejectionReason,
                                     BigDecimal unitPrice, String currency) {
}
