package io.sagashop.payment.api;

/**
 * Asks for one page of payments, optionally of one status, in payment id order; answered with a
 * {@link PaymentPageView}. Start with {@link #first}, then ask {@link #after} the page's
 * {@link PaymentPageView#nextAfter()} until it is {@code null}.
 *
 * <p>Keyset paging, not page numbers: a page starts after the last payment id of the one before
 * it, so each page is an index range read that costs the same however many payments there are
 * (an offset would read and skip every earlier row), and a payment added while someone pages
 * through moves no other payment to another page: none is seen twice or skipped. (One added
 * meanwhile is seen when its id sorts after the current position, else not.) Ids are compared as
 * the payment service's database orders them, which need not be Java's {@code String} order.
 *
 * @param status         only payments in this status, or {@code null} for all
 * @param afterPaymentId only payments whose id comes after this one (the last of the previous
 *                       page), or {@code null} for the first page
 * @param limit          at most this many payments, 1 to {@link #MAX_LIMIT}
 */
public record FindPaymentsPageQuery(PaymentStatus status, PaymentId afterPaymentId, int limit) {

    /**
     * The largest page. A payment view is some 430 bytes of JSON with the shop's ids (12 000 of
     * them made 5.1 MB) and about 700 with every field as long as its column allows, so a full
     * page stays well below the 4 MB a gRPC message may have by default (MessagesSerializationTest),
     * through the hub as through AxonIQ's Axon Server: one answer with every payment went over it
     * past about 10 500 payments (docs/capacity.md).
     */
    public static final int MAX_LIMIT = 1000;

    public FindPaymentsPageQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** The first page of every payment, at most {@code limit} of them. */
    public static FindPaymentsPageQuery first(int limit) {
        return new FindPaymentsPageQuery(null, null, limit);
    }

    /** The same query for the page after the given payment id (a page's {@link PaymentPageView#nextAfter()}). */
    public FindPaymentsPageQuery after(PaymentId paymentId) {
        return new FindPaymentsPageQuery(status, paymentId, limit);
    }
}
