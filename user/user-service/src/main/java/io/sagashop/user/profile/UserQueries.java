package io.sagashop.user.profile;

import io.sagashop.platform.DomainError;
import io.sagashop.user.api.ContactDetails;
import io.sagashop.user.api.FindContactDetailsQuery;
import io.sagashop.user.api.FindPreferencesQuery;
import io.sagashop.user.api.FindUserQuery;
import io.sagashop.user.api.PreferencesView;
import io.sagashop.user.api.UserId;
import io.sagashop.user.api.UserView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers questions about users, for other services over the hub (the notification service asks
 * for contact details, recommendations for preferences) and for this service's HTTP reads. An
 * unknown user is a {@code DomainError} 404 {@code user-not-found}.
 */
@Component
@Transactional(readOnly = true)
class UserQueries {

    private final UserProfileRepository profiles;

    UserQueries(UserProfileRepository profiles) {
        this.profiles = profiles;
    }

    @QueryHandler
    UserView handle(FindUserQuery query) {
        return require(query.userId()).toView();
    }

    @QueryHandler
    ContactDetails handle(FindContactDetailsQuery query) {
        UserProfile profile = require(query.userId());
        return new ContactDetails(query.userId(), profile.email(), profile.name(), profile.phone(),
                profile.active() && profile.emailEnabled(),
                profile.active() && profile.smsEnabled() && profile.phone() != null);
    }

    @QueryHandler
    PreferencesView handle(FindPreferencesQuery query) {
        UserProfile profile = require(query.userId());
        return new PreferencesView(query.userId(), profile.favouriteCategories(), profile.emailEnabled(), profile.smsEnabled());
    }

    private UserProfile require(UserId userId) {
        return profiles.findById(userId.value()).orElseThrow(() ->
                DomainError.notFound("user-not-found", "No user " + userId).exception());
    }
}
