package io.sagashop.order.api;

import java.util.List;

/**
 * A page of orders, the answer to {@link FindOrdersQuery}.
 *
 * @param orders        the orders on this page, newest first
 * @param page          zero-based page number
 * @param size          page size asked for
 * @param totalElements how many orders match in all
 */
public record OrderPageView(List<OrderView> orders, int page, int size, long totalElements) {

    public OrderPageView {
        orders = List.copyOf(orders);
    }
}
