package io.sagashop.user.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.sagashop.platform.DomainError;
import io.sagashop.user.api.ContactDetails;
import io.sagashop.user.api.FindContactDetailsQuery;
import io.sagashop.user.api.FindPreferencesQuery;
import io.sagashop.user.api.NotificationPreferences;
import io.sagashop.user.api.PreferencesView;
import io.sagashop.user.api.Role;
import io.sagashop.user.api.UserId;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;

class UserQueriesTest {

    private static final UserId ANN = UserId.of("3f0c9d1e-7a51-4b7e-9a55-0a6c2b1f4e01");

    private final UserProfileRepository repository = mock(UserProfileRepository.class);
    private final UserQueries queries = new UserQueries(repository);

    private UserProfile ann(String phone, boolean email, boolean sms) {
        var profile = new UserProfile(ANN.value(), "ann@example.com", "Ann", phone, new NotificationPreferences(email, sms), Role.CUSTOMER);
        when(repository.findById(ANN.value())).thenReturn(Optional.of(profile));
        return profile;
    }

    @Test
    void contactDetailsCarryTheChosenChannels() {
        ann("+49 151 1234567", true, true);

        assertThat(queries.handle(new FindContactDetailsQuery(ANN)))
                .isEqualTo(new ContactDetails(ANN, "ann@example.com", "Ann", "+49 151 1234567", true, true));
    }

    @Test
    void aDeactivatedUserIsReachedOnNoChannel() {
        ann("+49 151 1234567", true, true).deactivate();

        ContactDetails details = queries.handle(new FindContactDetailsQuery(ANN));

        assertThat(details.emailEnabled()).isFalse();
        assertThat(details.smsEnabled()).isFalse();
    }

    @Test
    void preferencesListFavouriteCategoriesInOrder() {
        ann(null, true, false).favouriteCategories(List.of("garden", "books"));

        assertThat(queries.handle(new FindPreferencesQuery(ANN)))
                .isEqualTo(new PreferencesView(ANN, List.of("garden", "books"), true, false));
    }

    @Test
    void anUnknownUserIsANotFoundDomainError() {
        when(repository.findById(ANN.value())).thenReturn(Optional.empty());

        assertThatThrownBy(() -> queries.handle(new FindContactDetailsQuery(ANN)))
                .isInstanceOf(CommandExecutionException.class)
                .satisfies(e -> assertThat(((CommandExecutionException) e).getDetails())
                        .contains(DomainError.notFound("user-not-found", "No user " + ANN)));
    }
}
