package io.sagashop.user.profile;

import io.sagashop.user.api.UserDeactivated;
import io.sagashop.user.api.UserPreferencesChanged;
import io.sagashop.user.api.UserProfileUpdated;
import io.sagashop.user.api.UserRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code user_profile} up to date from the User events. Each handler overwrites state, so
 * a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(UserProfileProjection.PROCESSING_GROUP)
class UserProfileProjection {

    static final String PROCESSING_GROUP = "user-profile";

    private final UserProfileRepository profiles;

    UserProfileProjection(UserProfileRepository profiles) {
        this.profiles = profiles;
    }

    @EventHandler
    void on(UserRegistered event) {
        if (profiles.existsById(event.userId().value())) {
            return;
        }
        profiles.save(new UserProfile(event.userId().value(), event.email(), event.name(), event.phone(),
                event.notifications(), event.role()));
    }

    @EventHandler
    void on(UserProfileUpdated event) {
        profiles.findById(event.userId().value()).ifPresent(profile -> profile.contact(event.email(), event.name(), event.phone()));
    }

    @EventHandler
    void on(UserPreferencesChanged event) {
        profiles.findById(event.userId().value()).ifPresent(profile -> {
            profile.notifications(event.notifications());
            profile.favouriteCategories(event.favouriteCategories());
        });
    }

    @EventHandler
    void on(UserDeactivated event) {
        profiles.findById(event.userId().value()).ifPresent(UserProfile::deactivate);
    }

    @ResetHandler
    void reset() {
        profiles.deleteAllInBatch();
    }
}
