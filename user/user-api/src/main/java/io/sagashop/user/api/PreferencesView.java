package io.sagashop.user.api;

import java.util.List;

/**
 * A user's preferences.
 *
 * @param userId              the user
 * @param favouriteCategories favourite product categories, in the user's order
 * @param emailEnabled        the user wants e-mail
 * @param smsEnabled          the user wants SMS
 */
public record PreferencesView(UserId userId, List<String> favouriteCategories, boolean emailEnabled,
                              boolean smsEnabled) {
}
