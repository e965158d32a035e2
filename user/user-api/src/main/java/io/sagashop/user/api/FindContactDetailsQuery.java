package io.sagashop.user.api;

/**
 * Asks how to reach a user (the notification service asks); answered with
 * {@link ContactDetails}, or a not-found error.
 *
 * @param userId the user
 */
public record FindContactDetailsQuery(UserId userId) {
}
