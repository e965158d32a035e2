package io.sagashop.user.api;

/**
 * A user account was created.
 *
 * @param userId        the user
 * @param email         the e-mail address (lower case)
 * @param name          the display name
 * @param phone         the phone number, or {@code null}
 * @param notifications the channels to notify on
 * @param role          the user's role
 */
public record UserRegistered(UserId userId, String email, String name, String phone,
                             NotificationPreferences notifications, Role role) {
}
