package io.sagashop.console.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's sign-in: e-mail and password go to the user service's login (the console keeps
 * neither), the JWT it answers is checked like any other and handed to the page, which sends it
 * as {@code Authorization: Bearer} from then on. {@code GET /v1/auth/me} says who is signed in.
 */
@RestController
class SignInController {

    static final String LOGIN = "/v1/auth/login";

    /**
     * @param email    the shop account's e-mail
     * @param password its password (never logged, never stored)
     */
    record LoginRequest(String email, String password) {
        @Override
        public String toString() {
            return "LoginRequest[email=" + email + ", password=***]";
        }
    }

    /** A successful sign-in: the token to send, and who it names. */
    record SignedIn(String token, String name, String role, long expiresIn) {
    }

    /** Who the request's credential names. */
    record Me(String name, String role) {
    }

    private final SignInProperties properties;
    private final JwtDecoder jwts;
    private final ShopJwtRoles roles;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    SignInController(SignInProperties properties, JwtDecoder jwts, ObjectMapper json) {
        this.properties = properties;
        this.jwts = jwts;
        this.roles = new ShopJwtRoles(properties);
        this.json = json;
    }

    @GetMapping("/v1/auth/me")
    Me me(JwtAuthenticationToken user) {
        ConsoleRole role = ConsoleRole.of(user.getAuthorities());
        return new Me(user.getName(), role.name().toLowerCase());
    }

    @PostMapping(LOGIN)
    ResponseEntity<?> login(@RequestBody(required = false) LoginRequest request) throws InterruptedException {
        if (request == null || blank(request.email()) || request.email().length() > 320) {
            return problem(HttpStatus.BAD_REQUEST, "email", "email is required (at most 320 characters)");
        }
        if (blank(request.password()) || request.password().length() > 1024) {
            return problem(HttpStatus.BAD_REQUEST, "password", "password is required (at most 1024 characters)");
        }
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(properties.loginUri())
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", MediaType.APPLICATION_JSON_VALUE)
                            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                                    Map.of("email", request.email(), "password", request.password()))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, null, "The user service (" + properties.loginUri()
                    + ") does not answer the sign-in");
        }
        if (answer.statusCode() == 401 || answer.statusCode() == 400) {
            return problem(HttpStatus.UNAUTHORIZED, null, "E-mail or password is wrong, or the account is deactivated");
        }
        if (answer.statusCode() == 429) {
            // The user service's login throttling: pass its answer on, Retry-After included.
            ResponseEntity.BodyBuilder tooMany = ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS);
            answer.headers().firstValue("Retry-After").ifPresent(value -> tooMany.header("Retry-After", value));
            return tooMany.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.TOO_MANY_REQUESTS, "Too many sign-in attempts; try again later"));
        }
        if (answer.statusCode() != 200) {
            return problem(HttpStatus.BAD_GATEWAY, null, "The user service answered the sign-in with HTTP " + answer.statusCode());
        }
        try {
            JsonNode body = json.readTree(answer.body());
            Jwt jwt = jwts.decode(body.path("accessToken").asText(""));
            ConsoleRole role = roles.role(jwt);
            String name = ShopJwtRoles.name(jwt);
            if (role == null) {
                return problem(HttpStatus.FORBIDDEN, null, name
                        + " has no role that may use the console (console.sign-in.operator-roles, viewer-roles)");
            }
            return ResponseEntity.ok(new SignedIn(jwt.getTokenValue(), name, role.name().toLowerCase(),
                    body.path("expiresIn").asLong(0)));
        } catch (IOException | BadJwtException e) {
            return problem(HttpStatus.BAD_GATEWAY, null, "The user service's answer is not a valid sign-in token: " + e.getMessage());
        } catch (JwtException e) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, null, "The user service's public keys ("
                    + properties.jwkSetUri() + ") cannot be fetched to check the sign-in: " + e.getMessage());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
