package io.sagashop.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a user account. The password arrives already hashed (bcrypt); the clear password
 * never leaves the HTTP layer, and the hash never appears in an event. Repeating the command with
 * the same data changes nothing.
 *
 * @param userId        the new user's id
 * @param email         unique across users (compared case-insensitively)
 * @param name          display name
 * @param passwordHash  bcrypt hash of the password
 * @param phone         phone number in international format, or {@code null}
 * @param notifications the channels to notify on
 * @param role          {@link Role#CUSTOMER}, or {@link Role#ADMIN} for the bootstrap admin
 */
public record RegisterUser(@TargetAggregateIdentifier UserId userId, String email, String name,
                           String passwordHash, String phone, NotificationPreferences notifications, Role role) {

    /** Without the hash, so a logged command never shows it. */
    @Override
    public String toString() {
        return "RegisterUser[userId=" + userId + ", email=" + email + ", name=" + name + ", phone=" + phone
                + ", notifications=" + notifications + ", role=" + role + ", passwordHash=***]";
    }
}
