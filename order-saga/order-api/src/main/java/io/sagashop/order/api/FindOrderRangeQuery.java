package io.sagashop.order.api;

/**
 * Asks for the orders after an order id, in order id order; answered with an
 * {@link OrderRangeView}. Start with {@link #first}, then ask {@link #after} the answer's
 * {@link OrderRangeView#nextAfter()} until it is {@code null}. For readers of every order (the
 * consistency audit); a customer's list is {@link FindOrdersQuery}.
 *
 * <p>Keyset paging, as {@code FindPaymentsPageQuery} pages payments: each range is an index range
 * read that costs the same however many orders there are, where a page number makes the database
 * read and skip every earlier row (the audit's page numbers read 113 400 rows for one page at 56 700
 * orders, and 66 s for all of them; docs/performance.md, "History"); and an order placed while
 * someone reads through moves no other order to another range: none is seen twice or skipped.
 *
 * @param afterOrderId only orders whose id comes after this one (the last of the previous range),
 *                     or {@code null} for the first
 * @param limit        at most this many orders, 1 to {@link #MAX_LIMIT}
 */
public record FindOrderRangeQuery(OrderId afterOrderId, int limit) {

    /** The largest range: as many orders as {@link FindOrdersQuery} answers at most. */
    public static final int MAX_LIMIT = 200;

    public FindOrderRangeQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** The first range, at most {@code limit} orders. */
    public static FindOrderRangeQuery first(int limit) {
        return new FindOrderRangeQuery(null, limit);
    }

    /** The range after the given order id (an answer's {@link OrderRangeView#nextAfter()}). */
    public FindOrderRangeQuery after(OrderId orderId) {
        return new FindOrderRangeQuery(orderId, limit);
    }
}
