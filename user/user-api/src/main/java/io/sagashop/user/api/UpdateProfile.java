package io.sagashop.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Changes a user's contact data; a new e-mail must still be unique.
 *
 * @param userId the user
 * @param email  the e-mail address
 * @param name   the display name
 * @param phone  the phone number, or {@code null}
 */
public record UpdateProfile(@TargetAggregateIdentifier UserId userId, String email, String name, String phone) {
}
