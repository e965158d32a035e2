package io.sagashop.user.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApiSerializationTest {

    private static final UserId USER = UserId.of("0d5f6a64-1c47-4c8a-9d8e-1b3f0d0c5a11");
    private static final NotificationPreferences BOTH = new NotificationPreferences(true, true);

    static Stream<Object> everyApiType() {
        return Stream.of(
                USER,
                BOTH,
                new RegisterUser(USER, "ann@example.com", "Ann", "$2a$10$hash", "+4915112345678", BOTH, Role.CUSTOMER),
                new UpdateProfile(USER, "ann@example.com", "Ann B.", null),
                new ChangePassword(USER, "$2a$10$other"),
                new SetPreferences(USER, BOTH, List.of("books", "garden")),
                new DeactivateUser(USER),
                new UserRegistered(USER, "ann@example.com", "Ann", "+4915112345678", BOTH, Role.ADMIN),
                new UserProfileUpdated(USER, "ann@example.com", "Ann B.", null),
                new UserPasswordChanged(USER),
                new UserPreferencesChanged(USER, BOTH, List.of("books")),
                new UserDeactivated(USER),
                new FindUserQuery(USER),
                new UserView(USER, "ann@example.com", "Ann", null, BOTH, List.of("books"), Role.CUSTOMER, true),
                new FindContactDetailsQuery(USER),
                new ContactDetails(USER, "ann@example.com", "Ann", "+4915112345678", true, false),
                new FindPreferencesQuery(USER),
                new PreferencesView(USER, List.of("books", "garden"), true, false));
    }

    @ParameterizedTest
    @MethodSource("everyApiType")
    void roundTripsThroughAxonsJacksonSerializer(Object message) {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

        SerializedObject<byte[]> serialized = serializer.serialize(message, byte[].class);
        Object back = serializer.deserialize(serialized);

        assertThat(back).isEqualTo(message);
        assertThat(serialized.getType().getName()).isEqualTo(message.getClass().getName());
    }

    @ParameterizedTest
    @MethodSource("everyApiType")
    void noEventOrViewCarriesAPasswordHash(Object message) {
        if (message instanceof RegisterUser || message instanceof ChangePassword) {
            assertThat(message.toString()).doesNotContain("$2a$");
            return;
        }
        String json = new String(JacksonSerializer.defaultSerializer().serialize(message, byte[].class).getData());
        assertThat(json).doesNotContainIgnoringCase("password").doesNotContain("$2a$");
    }

    @org.junit.jupiter.api.Test
    void userIdPrintsAsItsRawValue() {
        assertThat(USER.toString()).isEqualTo("0d5f6a64-1c47-4c8a-9d8e-1b3f0d0c5a11");
    }
}
