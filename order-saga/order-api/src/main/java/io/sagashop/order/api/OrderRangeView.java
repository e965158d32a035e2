package io.sagashop.order.api;

import java.util.List;

/**
 * A range of orders, the answer to {@link FindOrderRangeQuery}.
 *
 * @param orders    the orders of this range, in order id order
 * @param nextAfter where the next range starts: the last order id of this one when it is full,
 *                  {@code null} when no order follows
 */
public record OrderRangeView(List<OrderView> orders, OrderId nextAfter) {

    public OrderRangeView {
        orders = List.copyOf(orders);
    }

    /** No range follows this one. */
    public boolean last() {
        return nextAfter == null;
    }
}
