package io.sagashop.user.api;

/**
 * Asks for a user's preferences (the recommendation service asks); answered with
 * {@link PreferencesView}, or a not-found error.
 *
 * @param userId the user
 */
public record FindPreferencesQuery(UserId userId) {
}
