package io.sagashop.user.api;

import java.util.List;

/**
 * A user's profile as the query side knows it.
 *
 * @param userId              the user
 * @param email               the e-mail address
 * @param name                the display name
 * @param phone               the phone number, or {@code null}
 * @param notifications       the channels to notify on
 * @param favouriteCategories favourite product categories
 * @param role                the user's role
 * @param active              false once deactivated
 */
public record UserView(UserId userId, String email, String name, String phone, NotificationPreferences notifications,
                       List<String> favouriteCategories, Role role, boolean active) {
}
