package io.sagashop.order.api;

/** Why an order was rejected; {@link OrderRejected#detail()} says more in words. */
public enum RejectionReason {
    /** A line could not be reserved: fewer units available than ordered. */
    OUT_OF_STOCK,
    /** A line's product is discontinued or unknown to the catalog. */
    PRODUCT_UNAVAILABLE,
    /** The payment gateway declined the charge. */
    PAYMENT_DECLINED,
    /** The order deadline passed before the order could be confirmed (a slow or absent participant). */
    DEADLINE_PASSED,
    /** An operator triggered compensation from the dashboard. */
    COMPENSATED_BY_OPERATOR
}
