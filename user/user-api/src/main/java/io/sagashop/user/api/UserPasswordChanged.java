package io.sagashop.user.api;

/**
 * A user's password was replaced. Deliberately carries no hash: credentials stay in the user
 * service's own schema.
 *
 * @param userId the user
 */
public record UserPasswordChanged(UserId userId) {
}
