package io.sagashop.user.api;

/**
 * Asks for a user's profile; answered with a {@link UserView}, or a not-found error.
 *
 * @param userId the user
 */
public record FindUserQuery(UserId userId) {
}
