package io.sagashop.notification.api;

/**
 * Asks which notifications went out for an order, or for a customer; answered with a
 * {@link NotificationListView}, oldest first. At least one of the two is given; when both are,
 * both must match.
 *
 * @param orderId    the order, or {@code null}
 * @param customerId the customer (user id), or {@code null}
 */
public record FindNotificationsQuery(String orderId, String customerId) {

    public FindNotificationsQuery {
        if (isBlank(orderId) && isBlank(customerId)) {
            throw new IllegalArgumentException("give an orderId or a customerId");
        }
    }

    /** The notifications of one order. */
    public static FindNotificationsQuery byOrder(String orderId) {
        return new FindNotificationsQuery(orderId, null);
    }

    /** The notifications of one customer. */
    public static FindNotificationsQuery byCustomer(String customerId) {
        return new FindNotificationsQuery(null, customerId);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
