package io.sagashop.notification.contact;

import io.sagashop.notification.ProcessingGroups;
import io.sagashop.user.api.NotificationPreferences;
import io.sagashop.user.api.UserDeactivated;
import io.sagashop.user.api.UserPreferencesChanged;
import io.sagashop.user.api.UserProfileUpdated;
import io.sagashop.user.api.UserRegistered;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Keeps table {@code contact} in step with the user events. Idempotent: a replayed event writes
 * the same row again. An event about a user this view never saw registered (its history is
 * older than this service's token) is applied on top of what is known, or ignored.
 */
@Component
@ProcessingGroup(ProcessingGroups.NOTIFICATIONS)
class ContactProjection {

    private final ContactTable contacts;

    ContactProjection(ContactTable contacts) {
        this.contacts = contacts;
    }

    @EventHandler
    void on(UserRegistered e, @Timestamp Instant at) {
        NotificationPreferences wanted = e.notifications() != null ? e.notifications() : NotificationPreferences.defaults();
        contacts.upsert(new Contact(e.userId().value(), e.email(), e.name(), e.phone(), wanted.email(), wanted.sms()), at);
    }

    @EventHandler
    void on(UserProfileUpdated e, @Timestamp Instant at) {
        Contact before = contacts.find(e.userId().value()).orElse(null);
        boolean email = before == null || before.emailWanted();
        boolean sms = before != null && before.smsWanted();
        contacts.upsert(new Contact(e.userId().value(), e.email(), e.name(), e.phone(), email, sms), at);
    }

    @EventHandler
    void on(UserPreferencesChanged e, @Timestamp Instant at) {
        contacts.find(e.userId().value()).ifPresent(c -> contacts.upsert(new Contact(c.userId(), c.email(), c.name(),
                c.phone(), e.notifications().email(), e.notifications().sms()), at));
    }

    @EventHandler
    void on(UserDeactivated e, @Timestamp Instant at) {
        contacts.find(e.userId().value()).ifPresent(c ->
                contacts.upsert(new Contact(c.userId(), c.email(), c.name(), c.phone(), false, false), at));
    }

    @ResetHandler
    void reset() {
        contacts.deleteAll();
    }
}
