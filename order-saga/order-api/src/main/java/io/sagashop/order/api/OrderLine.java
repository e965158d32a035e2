package io.sagashop.order.api;

import io.sagashop.catalog.api.ProductId;
import java.math.BigDecimal;

/**
 * One line of an order, priced from the catalog when the order was placed.
 *
 * @param productId the product
 * @param sku       its stock keeping unit
 * @param name      its display name at placement
 * @param quantity  units ordered, greater than zero
 * @param unitPrice price per unit at placement
 */
public record OrderLine(ProductId productId, String sku, String name, int quantity, BigDecimal unitPrice) {

    /** quantity × unit price. */
    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
