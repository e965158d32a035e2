package io.sagashop.order.api;

/**
 * Asks for a page of orders, newest first. Answered with an {@link OrderPageView}.
 *
 * @param customerId only this customer's orders, or {@code null} for everyone's
 * @param status     only orders in this status, or {@code null} for all
 * @param page       zero-based page number
 * @param size       page size, 1 to 200
 */
public record FindOrdersQuery(String customerId, OrderStatus status, int page, int size) {
}
