package io.sagashop.order.saga;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The order book in memory, for the saga fixture. */
class InMemorySagaOrderBook implements SagaOrderBook {

    private final Map<String, PlacedOrder> orders = new ConcurrentHashMap<>();

    @Override
    public void remember(PlacedOrder order) {
        orders.putIfAbsent(order.orderId(), order);
    }

    @Override
    public Optional<PlacedOrder> find(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }
}
