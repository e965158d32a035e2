package io.sagashop.user.profile;

import static org.hamcrest.Matchers.contains;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.sagashop.platform.DomainError;
import io.sagashop.platform.test.TestTokens;
import io.sagashop.platform.test.WithTestTokens;
import io.sagashop.user.api.FindUserQuery;
import io.sagashop.user.api.NotificationPreferences;
import io.sagashop.user.api.Role;
import io.sagashop.user.api.UserId;
import io.sagashop.user.api.UserView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(UserQueryController.class)
@WithTestTokens
class UserQueryControllerTest {

    private static final String ANN = "3f0c9d1e-7a51-4b7e-9a55-0a6c2b1f4e01";
    private static final UserView ANN_VIEW = new UserView(UserId.of(ANN), "ann@example.com", "Ann", null,
            new NotificationPreferences(true, false), List.of("books"), Role.CUSTOMER, true);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserQueries queries;

    @Test
    void meReadsTheCallersProfile() throws Exception {
        when(queries.handle(new FindUserQuery(UserId.of(ANN)))).thenReturn(ANN_VIEW);

        mvc.perform(get("/users/me").header("Authorization", TestTokens.bearer(TestTokens.customer(ANN))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(ANN))
                .andExpect(jsonPath("$.email").value("ann@example.com"))
                .andExpect(jsonPath("$.notifications.email").value(true))
                .andExpect(jsonPath("$.favouriteCategories[0]").value("books"));
    }

    @Test
    void meNeedsAToken() throws Exception {
        mvc.perform(get("/users/me")).andExpect(status().isUnauthorized());
        verifyNoInteractions(queries);
    }

    @Test
    void customerCannotReadOtherUsers() throws Exception {
        mvc.perform(get("/users/" + ANN).header("Authorization", TestTokens.bearer(TestTokens.customer(ANN))))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(queries);
    }

    @Test
    void aCustomerGetsTheSameAnswerForAnyIdSoNoneIsRevealed() throws Exception {
        when(queries.handle(any(FindUserQuery.class))).thenThrow(DomainError.notFound("user-not-found", "No user").exception());
        for (String id : java.util.List.of(ANN, UserId.random().value(), "not-a-user-id")) {
            mvc.perform(get("/users/" + id).header("Authorization", TestTokens.bearer(TestTokens.customer(ANN))))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.type").value("https://sagashop.io/problems/forbidden"));
        }
        verifyNoInteractions(queries);
    }

    @Test
    void adminReadsAnyUser() throws Exception {
        when(queries.handle(new FindUserQuery(UserId.of(ANN)))).thenReturn(ANN_VIEW);

        mvc.perform(get("/users/" + ANN).header("Authorization", TestTokens.bearer(TestTokens.admin())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Ann"));
    }

    @Test
    void unknownUserIs404() throws Exception {
        when(queries.handle(any(FindUserQuery.class))).thenThrow(DomainError.notFound("user-not-found", "No user").exception());

        mvc.perform(get("/users/" + ANN).header("Authorization", TestTokens.bearer(TestTokens.admin())))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("user-not-found"));
    }

    @Test
    void malformedIdIsNamed() throws Exception {
        mvc.perform(get("/users/not-a-user-id").header("Authorization", TestTokens.bearer(TestTokens.admin())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("id")));
        verifyNoInteractions(queries);
    }
}
