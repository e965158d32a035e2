package io.sagashop.user.api;

/**
 * The channels a user wants order notifications on.
 *
 * @param email notify by e-mail
 * @param sms   notify by SMS (needs a phone number)
 */
public record NotificationPreferences(boolean email, boolean sms) {

    /** E-mail on, SMS off: what a new user gets unless they choose. */
    public static NotificationPreferences defaults() {
        return new NotificationPreferences(true, false);
    }
}
