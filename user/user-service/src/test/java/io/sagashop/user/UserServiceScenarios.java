package io.sagashop.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.user.api.ContactDetails;
import io.sagashop.user.api.FindContactDetailsQuery;
import io.sagashop.user.api.UserId;
import java.time.Duration;
import java.util.List;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The user service as a whole, on its own MariaDB schema: register, log in, read the profile
 * back, the unique e-mail, the admin bootstrap, the JWK set and the contact details query. Run
 * against the hub by {@link UserServiceTest} and on Axon's local buses by
 * {@link UserServiceOnLocalBusTest}.
 */
abstract class UserServiceScenarios {

    static final String ADMIN_EMAIL = "sagashop.user.admin.email=root@shop.test";
    static final String ADMIN_PASSWORD = "sagashop.user.admin.password=bootstrap-secret";
    private static final Duration PROJECTION = Duration.ofSeconds(60);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    QueryGateway queries;
    @LocalServerPort
    int port;

    private ResponseEntity<JsonNode> call(HttpMethod method, String path, String token, String json) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return rest.exchange(path, method, new HttpEntity<>(json, headers), JsonNode.class);
    }

    private String register(String email) {
        var response = call(HttpMethod.POST, "/users", null,
                "{\"email\":\"" + email + "\",\"name\":\"Ann\",\"password\":\"correct horse\",\"phone\":\"+49 151 1234567\","
                        + "\"notifications\":{\"email\":true,\"sms\":true}}");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return response.getBody().get("id").asText();
    }

    private String login(String email, String password) {
        var response = call(HttpMethod.POST, "/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody().get("accessToken").asText();
    }

    @Test
    void registerLogInAndReadOnesProfile() {
        String id = register("ann@example.com");
        String token = login("ann@example.com", "correct horse");

        JsonNode me = await().atMost(PROJECTION).until(
                () -> call(HttpMethod.GET, "/users/me", token, null),
                response -> response.getStatusCode() == HttpStatus.OK).getBody();

        assertThat(me.get("id").asText()).isEqualTo(id);
        assertThat(me.get("email").asText()).isEqualTo("ann@example.com");
        assertThat(me.get("role").asText()).isEqualTo("CUSTOMER");
        assertThat(me.get("notifications").get("sms").asBoolean()).isTrue();
    }

    @Test
    void secondRegistrationWithTheSameEmailIsAConflict() {
        register("bob@example.com");

        var again = call(HttpMethod.POST, "/users", null,
                "{\"email\":\"BOB@example.com\",\"name\":\"Other Bob\",\"password\":\"another password\"}");

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("code").asText()).isEqualTo("email-taken");
    }

    @Test
    void issuedTokensValidateAgainstThePublishedJwkSet() {
        String id = register("cleo@example.com");
        String token = login("cleo@example.com", "correct horse");

        Jwt jwt = NimbusJwtDecoder.withJwkSetUri("http://localhost:" + port + "/.well-known/jwks.json").build().decode(token);

        assertThat(jwt.getSubject()).isEqualTo(id);
        assertThat(jwt.getClaimAsStringList("roles")).isEqualTo(List.of("CUSTOMER"));
        assertThat(jwt.getHeaders().get("alg")).isEqualTo("RS256");
    }

    @Test
    void bootstrappedAdminCanLogInAndReadOtherUsers() {
        String id = register("dora@example.com");
        String admin = await().atMost(PROJECTION).ignoreExceptions()
                .until(() -> login("root@shop.test", "bootstrap-secret"), token -> token != null);

        var dora = await().atMost(PROJECTION).until(
                () -> call(HttpMethod.GET, "/users/" + id, admin, null),
                response -> response.getStatusCode() == HttpStatus.OK);
        assertThat(dora.getBody().get("email").asText()).isEqualTo("dora@example.com");
    }

    @Test
    void deactivatingAnUnknownUserIsA404AndARealOneBlocksLogin() {
        String frank = register("frank@example.com");
        String admin = await().atMost(PROJECTION).ignoreExceptions()
                .until(() -> login("root@shop.test", "bootstrap-secret"), token -> token != null);

        assertThat(call(HttpMethod.DELETE, "/users/" + UserId.random(), admin, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.DELETE, "/users/" + frank, admin, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(HttpMethod.POST, "/auth/login", null,
                "{\"email\":\"frank@example.com\",\"password\":\"correct horse\"}").getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void contactDetailsQueryIsAnswered() {
        String id = register("eve@example.com");

        ContactDetails details = await().atMost(PROJECTION).ignoreExceptions().until(
                () -> queries.query(new FindContactDetailsQuery(UserId.of(id)), ContactDetails.class).join(),
                found -> found != null);

        assertThat(details).isEqualTo(new ContactDetails(UserId.of(id), "eve@example.com", "Ann", "+49 151 1234567", true, true));
    }
}
