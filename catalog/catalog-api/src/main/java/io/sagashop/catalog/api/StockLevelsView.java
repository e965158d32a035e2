package io.sagashop.catalog.api;

import java.util.List;

/**
 * One product's stock figures. The catalog keeps {@code received = available + reserved + sold};
 * {@link #balanced()} checks it.
 *
 * @param productId        the product
 * @param sku              stock keeping unit
 * @param received         initial stock plus every restock
 * @param available        units that can be reserved
 * @param reserved         units held for orders
 * @param sold             units committed to orders
 * @param openReservations the orders holding units now
 */
public record StockLevelsView(ProductId productId, String sku, int received, int available,
                              int reserved, int sold, List<OpenReservationView> openReservations) {

    public StockLevelsView {
        openReservations = List.copyOf(openReservations);
    }

    /** Whether received = available + reserved + sold. */
    public boolean balanced() {
        return received == available + reserved + sold;
    }
}
