package io.sagashop.notification.api;

import java.util.List;

/**
 * The answer to {@link FindNotificationsQuery}: a wrapper, because a bare list loses its element
 * type on its way through the hub.
 *
 * @param notifications oldest first
 */
public record NotificationListView(List<NotificationView> notifications) {

    public NotificationListView {
        notifications = List.copyOf(notifications);
    }
}
