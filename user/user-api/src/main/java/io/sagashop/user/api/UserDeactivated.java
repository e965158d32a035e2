package io.sagashop.user.api;

/**
 * A user account was closed.
 *
 * @param userId the user
 */
public record UserDeactivated(UserId userId) {
}
