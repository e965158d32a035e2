package io.sagashop.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a user's password. The caller has checked the current password and hashed the new
 * one; the event that follows carries no hash.
 *
 * @param userId       the user
 * @param passwordHash bcrypt hash of the new password
 */
public record ChangePassword(@TargetAggregateIdentifier UserId userId, String passwordHash) {

    /** Without the hash, so a logged command never shows it. */
    @Override
    public String toString() {
        return "ChangePassword[userId=" + userId + ", passwordHash=***]";
    }
}
