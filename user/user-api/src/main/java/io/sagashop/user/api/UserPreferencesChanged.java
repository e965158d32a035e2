package io.sagashop.user.api;

import java.util.List;

/**
 * A user's notification channels or favourite categories changed.
 *
 * @param userId              the user
 * @param notifications       the channels to notify on
 * @param favouriteCategories category names in the user's order
 */
public record UserPreferencesChanged(UserId userId, NotificationPreferences notifications,
                                     List<String> favouriteCategories) {
}
