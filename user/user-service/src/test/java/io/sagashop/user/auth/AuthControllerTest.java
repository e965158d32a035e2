package io.sagashop.user.auth;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.sagashop.platform.test.WithTestTokens;
import io.sagashop.user.account.CredentialStore;
import io.sagashop.user.account.PasswordHashing;
import io.sagashop.user.account.StoredCredentials;
import io.sagashop.user.api.Role;
import io.sagashop.user.api.UserId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(AuthController.class)
@WithTestTokens
@Import({PasswordHashing.class, LoginThrottle.class})
@TestPropertySource(properties = "sagashop.user.login.failures-per-address=20")
class AuthControllerTest {

    private static final UserId ANN = UserId.of("3f0c9d1e-7a51-4b7e-9a55-0a6c2b1f4e01");

    @Autowired
    MockMvc mvc;
    @Autowired
    PasswordEncoder encoder;
    @MockitoBean
    CredentialStore credentials;
    @MockitoBean
    TokenIssuer issuer;
    @MockitoBean
    SigningKeys keys;

    private ResultActions login(String json) throws Exception {
        return mvc.perform(post("/auth/login").contentType(MediaType.APPLICATION_JSON).content(json));
    }

    /** Each throttling test logs in from its own address, so the tests do not lock each other out. */
    private ResultActions login(String json, String address) throws Exception {
        return mvc.perform(post("/auth/login").contentType(MediaType.APPLICATION_JSON).content(json)
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                }));
    }

    private void exists(String email, String password) {
        when(credentials.findByEmail(email)).thenReturn(Optional.of(
                new StoredCredentials(UserId.random(), email, encoder.encode(password), Role.CUSTOMER, true)));
    }

    private void annExists(boolean active) {
        when(credentials.findByEmail("ann@example.com")).thenReturn(Optional.of(
                new StoredCredentials(ANN, "ann@example.com", encoder.encode("correct horse"), Role.CUSTOMER, active)));
    }

    @Test
    void loginWithoutFieldsNamesEach() throws Exception {
        login("{}").andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", contains("email", "password")));
        verifyNoInteractions(issuer);
    }

    @Test
    void rightPasswordGetsABearerToken() throws Exception {
        annExists(true);
        when(issuer.issue(any())).thenReturn(new TokenIssuer.IssuedToken("signed.jwt.value", Instant.now().plusSeconds(3600)));

        login("{\"email\":\" Ann@Example.com\",\"password\":\"correct horse\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accessToken").value("signed.jwt.value"))
                .andExpect(jsonPath("$.tokenType").value("Bearer"))
                .andExpect(jsonPath("$.userId").value(ANN.value()))
                .andExpect(jsonPath("$.roles[0]").value("CUSTOMER"));
    }

    @Test
    void wrongPasswordIs401() throws Exception {
        annExists(true);

        login("{\"email\":\"ann@example.com\",\"password\":\"wrong horse\"}")
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("invalid-credentials"));
        verifyNoInteractions(issuer);
    }

    @Test
    void unknownEmailIs401Too() throws Exception {
        login("{\"email\":\"nobody@example.com\",\"password\":\"correct horse\"}")
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(issuer);
    }

    @Test
    void deactivatedAccountCannotLogIn() throws Exception {
        annExists(false);

        login("{\"email\":\"ann@example.com\",\"password\":\"correct horse\"}")
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(issuer);
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsA400NotA500() throws Exception {
        annExists(true);

        login("{\"email\":\"ann@example.com\",\"password\":\"" + "é".repeat(40) + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("password"))
                .andExpect(jsonPath("$.errors[0].message", containsString("password-too-long")));
        verifyNoInteractions(issuer);
    }

    @Test
    void repeatedFailuresLockTheAccountWith429AndRetryAfterEvenForTheRightPassword() throws Exception {
        exists("carol@example.com", "carols right password");
        when(issuer.issue(any())).thenReturn(new TokenIssuer.IssuedToken("signed.jwt.value", Instant.now().plusSeconds(3600)));
        for (int attempt = 1; attempt <= 10; attempt++) {
            login("{\"email\":\"carol@example.com\",\"password\":\"guess number " + attempt + "\"}", "10.0.1.1")
                    .andExpect(status().isUnauthorized());
        }

        login("{\"email\":\"Carol@example.com\",\"password\":\"carols right password\"}", "10.0.1.2")
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("Retry-After", matchesPattern("[1-9][0-9]*")))
                .andExpect(jsonPath("$.code").value("too-many-login-failures"));
        verifyNoInteractions(issuer);
        // Other accounts are not affected.
        annExists(true);
        login("{\"email\":\"ann@example.com\",\"password\":\"correct horse\"}", "10.0.1.1")
                .andExpect(status().isOk());
    }

    @Test
    void anUnknownAccountLocksLikeAKnownOneSoLockoutRevealsNothing() throws Exception {
        for (int attempt = 1; attempt <= 10; attempt++) {
            login("{\"email\":\"nobody-here@example.com\",\"password\":\"guess number " + attempt + "\"}", "10.0.2.1")
                    .andExpect(status().isUnauthorized());
        }
        login("{\"email\":\"nobody-here@example.com\",\"password\":\"guess number 11\"}", "10.0.2.1")
                .andExpect(status().isTooManyRequests());
    }

    @Test
    void manyFailuresFromOneAddressLockThatAddressOnly() throws Exception {
        annExists(true);
        when(issuer.issue(any())).thenReturn(new TokenIssuer.IssuedToken("signed.jwt.value", Instant.now().plusSeconds(3600)));
        for (int attempt = 1; attempt <= 20; attempt++) {
            login("{\"email\":\"sprayed-" + attempt + "@example.com\",\"password\":\"summer holidays\"}", "10.0.3.1")
                    .andExpect(status().isUnauthorized());
        }

        login("{\"email\":\"ann@example.com\",\"password\":\"correct horse\"}", "10.0.3.1")
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
        login("{\"email\":\"ann@example.com\",\"password\":\"correct horse\"}", "10.0.3.2")
                .andExpect(status().isOk());
    }

    @Test
    void successfulLoginsFromOneAddressAreNeverThrottledAndResetTheAccount() throws Exception {
        exists("dave@example.com", "daves right password");
        when(issuer.issue(any())).thenReturn(new TokenIssuer.IssuedToken("signed.jwt.value", Instant.now().plusSeconds(3600)));
        for (int round = 0; round < 2; round++) {
            for (int attempt = 1; attempt <= 9; attempt++) {
                login("{\"email\":\"dave@example.com\",\"password\":\"typo " + attempt + "\"}", "10.0.4.1")
                        .andExpect(status().isUnauthorized());
            }
            login("{\"email\":\"dave@example.com\",\"password\":\"daves right password\"}", "10.0.4.1")
                    .andExpect(status().isOk());
        }
        for (int attempt = 0; attempt < 30; attempt++) {
            login("{\"email\":\"dave@example.com\",\"password\":\"daves right password\"}", "10.0.4.2")
                    .andExpect(status().isOk());
        }
    }

    @Test
    void jwkSetIsPublicAndHoldsOnlyPublicKeys() throws Exception {
        var key = new RSAKeyGenerator(2048).keyID("k1").generate();
        when(keys.publicKeys()).thenReturn(new JWKSet(key.toPublicJWK()));

        mvc.perform(get("/.well-known/jwks.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.keys[0].kid").value("k1"))
                .andExpect(jsonPath("$.keys[0].kty").value("RSA"))
                .andExpect(jsonPath("$.keys[0].d").doesNotExist());
    }
}
