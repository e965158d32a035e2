package io.sagashop.order.placement;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The input limits of {@code POST /orders} ({@code sagashop.order.max-lines},
 * {@code sagashop.order.max-quantity-per-line}); the saga reads its own keys of the same tree.
 *
 * @param maxLines           most lines one order may have
 * @param maxQuantityPerLine most units of one product one order may ask for
 */
@ConfigurationProperties("sagashop.order")
record PlacementSettings(int maxLines, int maxQuantityPerLine) {

    PlacementSettings {
        if (maxLines <= 0 || maxQuantityPerLine <= 0) {
            throw new IllegalArgumentException("sagashop.order.max-lines and max-quantity-per-line must be positive");
        }
    }
}
