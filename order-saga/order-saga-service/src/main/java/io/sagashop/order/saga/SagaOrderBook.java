package io.sagashop.order.saga;

import java.util.Optional;

/** The orders the saga has seen placed (see {@link PlacedOrder}); JDBC in {@link JdbcSagaOrderBook}. */
interface SagaOrderBook {

    /** Remembers an order; a repeat changes nothing. */
    void remember(PlacedOrder order);

    Optional<PlacedOrder> find(String orderId);
}
