package io.sagashop.user.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.sagashop.platform.DomainError;
import io.sagashop.user.api.ChangePassword;
import io.sagashop.user.api.DeactivateUser;
import io.sagashop.user.api.NotificationPreferences;
import io.sagashop.user.api.RegisterUser;
import io.sagashop.user.api.Role;
import io.sagashop.user.api.SetPreferences;
import io.sagashop.user.api.UpdateProfile;
import io.sagashop.user.api.UserDeactivated;
import io.sagashop.user.api.UserId;
import io.sagashop.user.api.UserPasswordChanged;
import io.sagashop.user.api.UserPreferencesChanged;
import io.sagashop.user.api.UserProfileUpdated;
import io.sagashop.user.api.UserRegistered;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user account. Credentials and the set of taken e-mail addresses live in the
 * {@link CredentialStore}, written by these handlers in the command's unit of work; the events
 * carry no password hash. Every command repeated with the same data changes nothing.
 */
@Aggregate
class User {

    @AggregateIdentifier
    private UserId userId;
    private String email;
    private String name;
    private String phone;
    private NotificationPreferences notifications;
    private List<String> favouriteCategories;
    private Role role;
    private boolean active;

    protected User() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterUser command, CredentialStore credentials) {
        String newEmail = normalise(command.email());
        NotificationPreferences wanted = command.notifications() == null
                ? NotificationPreferences.defaults() : command.notifications();
        if (userId != null) {
            if (newEmail.equals(email) && command.name().equals(name) && Objects.equals(command.phone(), phone)
                    && wanted.equals(notifications) && command.role() == role) {
                return;
            }
            throw DomainError.conflict("user-exists", "This user is already registered").exception();
        }
        requirePhoneForSms(wanted, command.phone());
        credentials.register(command.userId(), newEmail, command.passwordHash(), command.role());
        apply(new UserRegistered(command.userId(), newEmail, command.name(), command.phone(), wanted, command.role()));
    }

    @CommandHandler
    void handle(UpdateProfile command, CredentialStore credentials) {
        requireActive();
        String newEmail = normalise(command.email());
        if (newEmail.equals(email) && command.name().equals(name) && Objects.equals(command.phone(), phone)) {
            return;
        }
        requirePhoneForSms(notifications, command.phone());
        if (!newEmail.equals(email)) {
            credentials.changeEmail(userId, newEmail);
        }
        apply(new UserProfileUpdated(userId, newEmail, command.name(), command.phone()));
    }

    @CommandHandler
    void handle(ChangePassword command, CredentialStore credentials) {
        requireActive();
        if (credentials.changePassword(userId, command.passwordHash())) {
            apply(new UserPasswordChanged(userId));
        }
    }

    @CommandHandler
    void handle(SetPreferences command) {
        requireActive();
        List<String> categories = command.favouriteCategories() == null ? List.of()
                : command.favouriteCategories().stream().map(String::trim).filter(c -> !c.isEmpty()).distinct().toList();
        if (command.notifications().equals(notifications) && categories.equals(favouriteCategories)) {
            return;
        }
        requirePhoneForSms(command.notifications(), phone);
        apply(new UserPreferencesChanged(userId, command.notifications(), categories));
    }

    @CommandHandler
    void handle(DeactivateUser command, CredentialStore credentials) {
        if (!active) {
            return;
        }
        credentials.deactivate(userId);
        apply(new UserDeactivated(userId));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
        email = event.email();
        name = event.name();
        phone = event.phone();
        notifications = event.notifications();
        favouriteCategories = List.of();
        role = event.role();
        active = true;
    }

    @EventSourcingHandler
    void on(UserProfileUpdated event) {
        email = event.email();
        name = event.name();
        phone = event.phone();
    }

    @EventSourcingHandler
    void on(UserPreferencesChanged event) {
        notifications = event.notifications();
        favouriteCategories = event.favouriteCategories();
    }

    @EventSourcingHandler
    void on(UserDeactivated event) {
        active = false;
    }

    private void requireActive() {
        if (!active) {
            throw DomainError.conflict("user-deactivated", "This account is deactivated").exception();
        }
    }

    private static void requirePhoneForSms(NotificationPreferences preferences, String phone) {
        if (preferences.sms() && (phone == null || phone.isBlank())) {
            throw DomainError.invalid("phone-required", "phone", "SMS notifications need a phone number").exception();
        }
    }

    static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
