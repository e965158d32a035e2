package io.sagashop.user.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.sagashop.platform.DomainError;
import io.sagashop.platform.test.TestTokens;
import io.sagashop.platform.test.WithTestTokens;
import io.sagashop.user.api.ChangePassword;
import io.sagashop.user.api.DeactivateUser;
import io.sagashop.user.api.NotificationPreferences;
import io.sagashop.user.api.RegisterUser;
import io.sagashop.user.api.Role;
import io.sagashop.user.api.SetPreferences;
import io.sagashop.user.api.UpdateProfile;
import io.sagashop.user.api.UserId;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(UserCommandController.class)
@WithTestTokens
@Import(PasswordHashing.class)
class UserCommandControllerTest {

    private static final String ANN = "3f0c9d1e-7a51-4b7e-9a55-0a6c2b1f4e01";
    private static final String BOB = "8d2e4c6a-1b3f-4d5e-8f70-9a1b2c3d4e02";

    @Autowired
    MockMvc mvc;
    @Autowired
    PasswordEncoder encoder;
    @MockitoBean
    CommandGateway commands;
    @MockitoBean
    CredentialStore credentials;

    private ResultActions send(MockHttpServletRequestBuilder request, String token, String json) throws Exception {
        request.contentType(MediaType.APPLICATION_JSON).content(json);
        if (token != null) {
            request.header("Authorization", TestTokens.bearer(token));
        }
        return mvc.perform(request);
    }

    private static ResultActions problemNaming(ResultActions result, int status, String... fields) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", contains(fields)));
    }

    // POST /users

    @Test
    void registrationWithMissingFieldsNamesEachAndSendsNothing() throws Exception {
        problemNaming(send(post("/users"), null, "{}"), 400, "email", "name", "password");
        verifyNoInteractions(commands);
    }

    @Test
    void registrationWithBadEmailShortPasswordAndBadPhoneNamesEach() throws Exception {
        problemNaming(send(post("/users"), null,
                "{\"email\":\"not-an-email\",\"name\":\"Ann\",\"password\":\"short\",\"phone\":\"call me\"}"),
                400, "email", "password", "phone");
        verifyNoInteractions(commands);
    }

    @Test
    void malformedRegistrationIsA400() throws Exception {
        send(post("/users"), null, "{\"email\":")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(commands);
    }

    @Test
    void smsWithoutPhoneNamesThePhone() throws Exception {
        problemNaming(send(post("/users"), null,
                "{\"email\":\"ann@example.com\",\"name\":\"Ann\",\"password\":\"correct horse\",\"notifications\":{\"email\":true,\"sms\":true}}"),
                400, "phone");
        verifyNoInteractions(commands);
    }

    @Test
    void registrationNeedsNoTokenAndSendsOnlyTheHash() throws Exception {
        send(post("/users"), null,
                "{\"email\":\"ann@example.com\",\"name\":\" Ann \",\"password\":\"correct horse\",\"phone\":\"+49 151 1234567\"}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/users/")))
                .andExpect(jsonPath("$.id").isString());

        var sent = ArgumentCaptor.forClass(RegisterUser.class);
        verify(commands).sendAndWait(sent.capture());
        RegisterUser command = sent.getValue();
        assertThat(command.name()).isEqualTo("Ann");
        assertThat(command.role()).isEqualTo(Role.CUSTOMER);
        assertThat(command.notifications()).isEqualTo(NotificationPreferences.defaults());
        assertThat(command.passwordHash()).isNotEqualTo("correct horse").startsWith("$2");
        assertThat(encoder.matches("correct horse", command.passwordHash())).isTrue();
    }

    @Test
    void takenEmailIsA409NamingTheEmail() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(
                DomainError.conflict("email-taken", "email", "This e-mail address is already registered").exception());

        problemNaming(send(post("/users"), null,
                "{\"email\":\"ann@example.com\",\"name\":\"Ann\",\"password\":\"correct horse\"}"), 409, "email")
                .andExpect(jsonPath("$.code").value("email-taken"));
    }

    // PUT /users/me

    @Test
    void profileUpdateNeedsAToken() throws Exception {
        send(put("/users/me"), null, "{\"email\":\"ann@example.com\",\"name\":\"Ann\"}")
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(commands);
    }

    @Test
    void profileUpdateWithInvalidFieldsNamesEach() throws Exception {
        problemNaming(send(put("/users/me"), TestTokens.customer(ANN), "{\"email\":\"x\",\"name\":\"\"}"),
                400, "email", "name");
        verifyNoInteractions(commands);
    }

    @Test
    void profileUpdateGoesToTheCallersAccount() throws Exception {
        send(put("/users/me"), TestTokens.customer(ANN), "{\"email\":\"ann@example.com\",\"name\":\"Ann B.\",\"phone\":\"\"}")
                .andExpect(status().isNoContent());

        verify(commands).sendAndWait(new UpdateProfile(UserId.of(ANN), "ann@example.com", "Ann B.", null));
    }

    @Test
    void passwordPolicyRefusalsNameTheFieldAndTheRule() throws Exception {
        var refused = java.util.Map.of(
                "short-pass", "password-too-short",
                "é".repeat(40), "password-too-long",
                "Password1234", "password-too-common",
                "abcabcabcabc", "password-pattern",
                "zzzzzzzzzzzzzzzz", "password-pattern");
        for (var entry : refused.entrySet()) {
            problemNaming(send(post("/users"), null,
                    "{\"email\":\"ann@example.com\",\"name\":\"Ann\",\"password\":\"" + entry.getKey() + "\"}"),
                    400, "password")
                    .andExpect(jsonPath("$.errors[0].message", org.hamcrest.Matchers.containsString(entry.getValue())));
        }
        verifyNoInteractions(commands);
    }

    @Test
    void aPasswordBuiltOnTheEmailIsRefusedNamingTheRule() throws Exception {
        problemNaming(send(post("/users"), null,
                "{\"email\":\"annabelle@example.com\",\"name\":\"Ann\",\"password\":\"Annabelle-2024!\"}"), 400, "password")
                .andExpect(jsonPath("$.code").value("password-context"));
        verifyNoInteractions(commands);
    }

    @Test
    void twelveCharactersWithoutCompositionRulesAreEnough() throws Exception {
        send(post("/users"), null, "{\"email\":\"ann@example.com\",\"name\":\"Ann\",\"password\":\"tulip meadow\"}")
                .andExpect(status().isCreated());
    }

    @Test
    void aCurrentPasswordLongerThanBcryptReadsIsA400() throws Exception {
        problemNaming(send(put("/users/me/password"), TestTokens.customer(ANN),
                "{\"currentPassword\":\"" + "é".repeat(40) + "\",\"newPassword\":\"battery staple\"}"), 400, "currentPassword");
        verifyNoInteractions(commands);
    }

    @Test
    void controlCharactersInANameAreRefusedNamingIt() throws Exception {
        for (String name : java.util.List.of("Ann\\u0000", "Ann\\u001b[2J", "Ann\\u202eevil", "Ann\\r\\nBcc: x")) {
            problemNaming(send(post("/users"), null,
                    "{\"email\":\"ann@example.com\",\"name\":\"" + name + "\",\"password\":\"tulip meadow\"}"), 400, "name");
        }
        verifyNoInteractions(commands);
    }

    // PUT /users/me/password

    @Test
    void wrongCurrentPasswordNamesItAndSendsNothing() throws Exception {
        when(credentials.findById(UserId.of(ANN))).thenReturn(Optional.of(
                new StoredCredentials(UserId.of(ANN), "ann@example.com", encoder.encode("correct horse"), Role.CUSTOMER, true)));

        problemNaming(send(put("/users/me/password"), TestTokens.customer(ANN),
                "{\"currentPassword\":\"wrong horse\",\"newPassword\":\"battery staple\"}"), 400, "currentPassword");
        verifyNoInteractions(commands);
    }

    @Test
    void tooShortNewPasswordIsNamed() throws Exception {
        problemNaming(send(put("/users/me/password"), TestTokens.customer(ANN),
                "{\"currentPassword\":\"correct horse\",\"newPassword\":\"short\"}"), 400, "newPassword");
        verifyNoInteractions(commands);
    }

    @Test
    void passwordChangeSendsTheNewHash() throws Exception {
        when(credentials.findById(UserId.of(ANN))).thenReturn(Optional.of(
                new StoredCredentials(UserId.of(ANN), "ann@example.com", encoder.encode("correct horse"), Role.CUSTOMER, true)));

        send(put("/users/me/password"), TestTokens.customer(ANN),
                "{\"currentPassword\":\"correct horse\",\"newPassword\":\"battery staple\"}")
                .andExpect(status().isNoContent());

        var sent = ArgumentCaptor.forClass(ChangePassword.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().userId()).isEqualTo(UserId.of(ANN));
        assertThat(encoder.matches("battery staple", sent.getValue().passwordHash())).isTrue();
    }

    // PUT /users/me/preferences

    @Test
    void preferencesWithoutFieldsNameEach() throws Exception {
        problemNaming(send(put("/users/me/preferences"), TestTokens.customer(ANN), "{}"),
                400, "favouriteCategories", "notifications");
        verifyNoInteractions(commands);
    }

    @Test
    void blankCategoryIsNamedWithItsIndex() throws Exception {
        problemNaming(send(put("/users/me/preferences"), TestTokens.customer(ANN),
                "{\"notifications\":{\"email\":true,\"sms\":false},\"favouriteCategories\":[\"books\",\"\"]}"),
                400, "favouriteCategories[1]");
        verifyNoInteractions(commands);
    }

    @Test
    void preferencesAreSent() throws Exception {
        send(put("/users/me/preferences"), TestTokens.customer(ANN),
                "{\"notifications\":{\"email\":false,\"sms\":false},\"favouriteCategories\":[\"books\"]}")
                .andExpect(status().isNoContent());

        verify(commands).sendAndWait(new SetPreferences(UserId.of(ANN), new NotificationPreferences(false, false), List.of("books")));
    }

    // DELETE /users/{id}

    @Test
    void customerCannotDeactivateAnyone() throws Exception {
        send(delete("/users/" + BOB), TestTokens.customer(ANN), "")
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(commands);
    }

    @Test
    void adminDeactivatesAUser() throws Exception {
        send(delete("/users/" + BOB), TestTokens.admin(), "").andExpect(status().isNoContent());

        verify(commands).sendAndWait(new DeactivateUser(UserId.of(BOB)));
    }

    @Test
    void aCustomersMalformedIdIsA403NotA400() throws Exception {
        send(delete("/users/42"), TestTokens.customer(ANN), "").andExpect(status().isForbidden());
        verifyNoInteractions(commands);
    }

    @Test
    void malformedIdIsNamed() throws Exception {
        problemNaming(send(delete("/users/42"), TestTokens.admin(), ""), 400, "id");
        verifyNoInteractions(commands);
    }

    @Test
    void adminCannotDeactivateThemselves() throws Exception {
        send(delete("/users/" + TestTokens.ADMIN_ID), TestTokens.admin(), "")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("cannot-deactivate-self"));
        verifyNoInteractions(commands);
    }

    @Test
    void deactivatingAnUnknownUserIsA404() throws Exception {
        when(commands.sendAndWait(any())).thenThrow(new AggregateNotFoundException(BOB, "The aggregate was not found in the event store"));

        send(delete("/users/" + BOB), TestTokens.admin(), "")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type", endsWith("/not-found")));
    }
}
