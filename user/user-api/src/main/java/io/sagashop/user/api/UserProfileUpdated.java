package io.sagashop.user.api;

/**
 * A user's contact data changed.
 *
 * @param userId the user
 * @param email  the e-mail address (lower case)
 * @param name   the display name
 * @param phone  the phone number, or {@code null}
 */
public record UserProfileUpdated(UserId userId, String email, String name, String phone) {
}
