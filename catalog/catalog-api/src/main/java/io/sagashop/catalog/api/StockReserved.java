package io.sagashop.catalog.api;

import java.math.BigDecimal;

/**
 * Units of a product are held for an order, at the unit price current when they were reserved.
 *
 * @param productId the product
 * @param orderId   the order
 * @param quantity  units held
 * @param unitPrice price per unit at reservation time
 * @param currency  ISO 4217 code of the price
 */
public record StockReserved(ProductId productId, String orderId, int quantity, BigDecimal unitPrice,
                            String currency) {
}
