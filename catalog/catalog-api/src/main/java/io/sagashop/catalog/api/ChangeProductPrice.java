package io.sagashop.catalog.api;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets a product's unit price; a no-op when it is already that price. Reservations already made
 * keep the price they were made at.
 *
 * @param productId the product
 * @param price     new unit price, greater than zero
 * @param currency  ISO 4217 code of the price
 */
public record ChangeProductPrice(@TargetAggregateIdentifier ProductId productId, BigDecimal price,
                                 String currency) {
}
