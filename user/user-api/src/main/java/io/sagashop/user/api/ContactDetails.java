package io.sagashop.user.api;

/**
 * How to reach a user, and on which channels they want to be reached.
 *
 * @param userId       the user
 * @param email        the e-mail address
 * @param name         the display name
 * @param phone        the phone number, or {@code null}
 * @param emailEnabled the user wants e-mail (false once deactivated)
 * @param smsEnabled   the user wants SMS (false once deactivated or without a phone)
 */
public record ContactDetails(UserId userId, String email, String name, String phone,
                             boolean emailEnabled, boolean smsEnabled) {
}
