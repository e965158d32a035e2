package io.sagashop.user.account;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final UserId ANN = UserId.of("3f0c9d1e-7a51-4b7e-9a55-0a6c2b1f4e01");
    private static final UserId BOB = UserId.of("8d2e4c6a-1b3f-4d5e-8f70-9a1b2c3d4e02");
    private static final NotificationPreferences EMAIL_ONLY = new NotificationPreferences(true, false);
    private static final NotificationPreferences BOTH = new NotificationPreferences(true, true);
    private static final String HASH = "$2a$10$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234";

    private FixtureConfiguration<User> fixture;
    private InMemoryCredentialStore credentials;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        credentials = new InMemoryCredentialStore();
        fixture.registerInjectableResource(credentials);
    }

    private static RegisterUser registerAnn() {
        return new RegisterUser(ANN, " Ann@Example.COM ", "Ann", HASH, "+49 151 1234567", EMAIL_ONLY, Role.CUSTOMER);
    }

    private static UserRegistered annRegistered() {
        return new UserRegistered(ANN, "ann@example.com", "Ann", "+49 151 1234567", EMAIL_ONLY, Role.CUSTOMER);
    }

    private void annHasCredentials() {
        credentials.register(ANN, "ann@example.com", HASH, Role.CUSTOMER);
    }

    // register

    @Test
    void registersAUserWithANormalisedEmailAndKeepsTheHashOutOfTheEvent() {
        fixture.givenNoPriorActivity()
                .when(registerAnn())
                .expectSuccessfulHandlerExecution()
                .expectEvents(annRegistered());

        assertThat(credentials.findByEmail("ann@example.com")).hasValueSatisfying(stored -> {
            assertThat(stored.userId()).isEqualTo(ANN);
            assertThat(stored.passwordHash()).isEqualTo(HASH);
        });
    }

    @Test
    void registrationWithoutChosenChannelsGetsEmailOnly() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ANN, "ann@example.com", "Ann", HASH, null, null, Role.CUSTOMER))
                .expectEvents(new UserRegistered(ANN, "ann@example.com", "Ann", null, EMAIL_ONLY, Role.CUSTOMER));
    }

    @Test
    void refusesRegistrationWithAnEmailAnotherUserHas() {
        credentials.register(BOB, "ann@example.com", HASH, Role.CUSTOMER);

        fixture.givenNoPriorActivity()
                .when(registerAnn())
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(DomainError.conflict("email-taken", "email", "This e-mail address is already registered"))
                .expectNoEvents();
    }

    @Test
    void refusesSmsNotificationsWithoutAPhone() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(ANN, "ann@example.com", "Ann", HASH, null, BOTH, Role.CUSTOMER))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(DomainError.invalid("phone-required", "phone", "SMS notifications need a phone number"))
                .expectNoEvents();
        assertThat(credentials.byId).isEmpty();
    }

    @Test
    void repeatedRegistrationChangesNothing() {
        fixture.given(annRegistered())
                .when(registerAnn())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void registrationOfAnExistingIdWithOtherDataIsAConflict() {
        fixture.given(annRegistered())
                .when(new RegisterUser(ANN, "other@example.com", "Ann", HASH, null, EMAIL_ONLY, Role.CUSTOMER))
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(DomainError.conflict("user-exists", "This user is already registered"))
                .expectNoEvents();
    }

    // update profile

    @Test
    void updatesTheProfileAndMovesTheEmailInTheLookup() {
        annHasCredentials();

        fixture.given(annRegistered())
                .when(new UpdateProfile(ANN, "ANN.B@example.com", "Ann B.", null))
                .expectEvents(new UserProfileUpdated(ANN, "ann.b@example.com", "Ann B.", null));

        assertThat(credentials.findByEmail("ann.b@example.com")).isPresent();
        assertThat(credentials.findByEmail("ann@example.com")).isEmpty();
    }

    @Test
    void updateWithTheSameDataChangesNothing() {
        fixture.given(annRegistered())
                .when(new UpdateProfile(ANN, "ann@example.com", "Ann", "+49 151 1234567"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesMovingToAnEmailAnotherUserHas() {
        annHasCredentials();
        credentials.register(BOB, "bob@example.com", HASH, Role.CUSTOMER);

        fixture.given(annRegistered())
                .when(new UpdateProfile(ANN, "bob@example.com", "Ann", null))
                .expectExceptionDetails(DomainError.conflict("email-taken", "email", "This e-mail address is already registered"))
                .expectNoEvents();
    }

    @Test
    void refusesRemovingThePhoneWhileSmsIsOn() {
        fixture.given(new UserRegistered(ANN, "ann@example.com", "Ann", "+49 151 1234567", BOTH, Role.CUSTOMER))
                .when(new UpdateProfile(ANN, "ann@example.com", "Ann", null))
                .expectExceptionDetails(DomainError.invalid("phone-required", "phone", "SMS notifications need a phone number"))
                .expectNoEvents();
    }

    @Test
    void refusesUpdatesToAnUnknownUser() {
        fixture.givenNoPriorActivity()
                .when(new UpdateProfile(ANN, "ann@example.com", "Ann", null))
                .expectException(AggregateNotFoundException.class);
    }

    // change password

    @Test
    void changesThePasswordInTheStoreAndAnnouncesItWithoutTheHash() {
        annHasCredentials();

        fixture.given(annRegistered())
                .when(new ChangePassword(ANN, "$2a$10$newhash"))
                .expectEvents(new UserPasswordChanged(ANN));

        assertThat(credentials.findById(ANN).orElseThrow().passwordHash()).isEqualTo("$2a$10$newhash");
    }

    @Test
    void changingToTheSameHashAgainChangesNothing() {
        annHasCredentials();

        fixture.given(annRegistered())
                .when(new ChangePassword(ANN, HASH))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // preferences

    @Test
    void setsPreferencesWithTrimmedDistinctCategories() {
        fixture.given(annRegistered())
                .when(new SetPreferences(ANN, BOTH, List.of(" books", "garden", "books", " ")))
                .expectEvents(new UserPreferencesChanged(ANN, BOTH, List.of("books", "garden")));
    }

    @Test
    void settingTheSamePreferencesAgainChangesNothing() {
        fixture.given(annRegistered(), new UserPreferencesChanged(ANN, BOTH, List.of("books")))
                .when(new SetPreferences(ANN, BOTH, List.of("books")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesSmsPreferenceWithoutAPhone() {
        fixture.given(new UserRegistered(ANN, "ann@example.com", "Ann", null, EMAIL_ONLY, Role.CUSTOMER))
                .when(new SetPreferences(ANN, BOTH, List.of()))
                .expectExceptionDetails(DomainError.invalid("phone-required", "phone", "SMS notifications need a phone number"))
                .expectNoEvents();
    }

    // deactivate

    @Test
    void deactivatesAndBlocksTheCredentials() {
        annHasCredentials();

        fixture.given(annRegistered())
                .when(new DeactivateUser(ANN))
                .expectEvents(new UserDeactivated(ANN));

        assertThat(credentials.findById(ANN).orElseThrow().active()).isFalse();
    }

    @Test
    void deactivatingTwiceChangesNothing() {
        fixture.given(annRegistered(), new UserDeactivated(ANN))
                .when(new DeactivateUser(ANN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDeactivatedUserCannotChangeAnything() {
        DomainError deactivated = DomainError.conflict("user-deactivated", "This account is deactivated");
        fixture.given(annRegistered(), new UserDeactivated(ANN))
                .when(new UpdateProfile(ANN, "new@example.com", "Ann", null))
                .expectExceptionDetails(deactivated)
                .expectNoEvents();
        fixture.given(annRegistered(), new UserDeactivated(ANN))
                .when(new ChangePassword(ANN, "$2a$10$x"))
                .expectExceptionDetails(deactivated);
        fixture.given(annRegistered(), new UserDeactivated(ANN))
                .when(new SetPreferences(ANN, EMAIL_ONLY, List.of("books")))
                .expectExceptionDetails(deactivated);
    }
}
