package io.sagashop.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Closes an account (an admin action): the user can no longer log in or change anything. The
 * e-mail address stays taken. Repeating it changes nothing.
 *
 * @param userId the user
 */
public record DeactivateUser(@TargetAggregateIdentifier UserId userId) {
}
