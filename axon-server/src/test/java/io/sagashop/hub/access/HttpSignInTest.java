package io.sagashop.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.sagashop.hub.platform.Http;
import io.sagashop.hub.testing.TestHub;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub's HTTP API and dashboard behind a sign-in: a shop account's JWT (checked against a JWK
 * set served here as the user service serves it) or a hub token; viewers read, operators act;
 * cross-site actions are refused; every answer carries the security headers.
 */
class HttpSignInTest {

    private static final String ADMIN = "http-admin-token-0123456789";
    private static final String PAYMENT = "http-payment-token-0123456789";
    private static final String MONITORING = "http-monitoring-token-0123456789";
    private static final String ISSUER = "sagashop-user";
    private static final String ADMIN_PASSWORD = "the-right-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RSAKey shopKey;
    private static HttpServer userService;
    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        shopKey = new RSAKeyGenerator(2048).keyID("shop-key").generate();
        // Stands in for the user service: its JWK set and its login, as it answers them.
        userService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        userService.createContext("/.well-known/jwks.json", exchange -> {
            byte[] body = new JWKSet(shopKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        userService.createContext("/auth/login", exchange -> {
            JsonNode login = JSON.readTree(exchange.getRequestBody());
            boolean right = ADMIN_PASSWORD.equals(login.path("password").asText());
            byte[] body;
            try {
                body = (right ? JSON.writeValueAsString(Map.of("accessToken", jwt(login.path("email").asText(), "ADMIN",
                        ISSUER, shopKey, Instant.now().plusSeconds(3600)), "expiresIn", 3600))
                        : "{\"status\":401}").getBytes(StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            exchange.sendResponseHeaders(right ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        userService.start();
        String user = "http://127.0.0.1:" + userService.getAddress().getPort();
        hub = TestHub.start(Map.of("hub.access.tokens.admin", ADMIN, "hub.access.tokens.payment", PAYMENT,
                "hub.access.tokens.monitoring", MONITORING,
                "hub.sign-in.jwk-set-uri", user + "/.well-known/jwks.json", "hub.sign-in.login-uri", user + "/auth/login"));
    }

    @AfterAll
    static void stop() {
        hub.close();
        userService.stop(0);
    }

    @Test
    void everyEndpointButHealthAndThePagesNeedsASignIn() throws Exception {
        assertThat(Http.get(url("/actuator/health"), Http.anonymous()).statusCode()).isEqualTo(200);
        assertThat(Http.get(url("/"), Http.anonymous()).statusCode()).isEqualTo(200);
        assertThat(Http.get(url("/dashboard/app.js"), Http.anonymous()).statusCode()).isEqualTo(200);
        assertThat(Http.get(url("/inspection/inspection.js"), Http.anonymous()).statusCode()).isEqualTo(200);

        for (String path : List.of("/v1/public/applications", "/v1/dashboard/overview", "/v1/dashboard/events",
                "/v1/dashboard/sagas", "/v1/dashboard/saga-types", "/v1/dashboard/consistency", "/v1/dashboard/commands", "/v1/components/payment/processors",
                "/v1/auth/me", "/actuator/info", "/actuator/metrics", "/actuator/metrics/jvm.memory.used")) {
            assertUnauthorized(Http.get(url(path), Http.anonymous()), "AXONIQ-1000");
            assertUnauthorized(Http.get(url(path), "AxonIQ-Access-Token", "guess-guess-guess"), "AXONIQ-1001");
            assertUnauthorized(Http.get(url(path), "Authorization", "Bearer guess-guess-guess"), "AXONIQ-1001");
        }
        assertUnauthorized(Http.post(url("/v1/dashboard/sagas/AnySaga/saga-1/compensate"), "{\"reason\":\"x\"}", Http.anonymous()),
                "AXONIQ-1000");
        assertUnauthorized(Http.post(url("/v1/dashboard/sagas/AnySaga/saga-1/end"), "{\"reason\":\"x\"}", Http.anonymous()),
                "AXONIQ-1000");
        assertUnauthorized(Http.patch(url("/v1/components/payment/processors/payments/pause"), Http.anonymous()),
                "AXONIQ-1000");
        assertUnauthorized(Http.delete(url("/v1/devmode/purge-events"), Http.anonymous()), "AXONIQ-1000");
    }

    @Test
    void aViewerReadsButActsOnNothingAndAServiceTokenIsForGrpcOnly() throws Exception {
        assertThat(Http.get(url("/v1/dashboard/overview"), "AxonIQ-Access-Token", MONITORING).statusCode()).isEqualTo(200);
        assertThat(Http.get(url("/actuator/metrics"), "Authorization", "Bearer " + MONITORING).statusCode()).isEqualTo(200);
        HttpResponse<String> me = Http.get(url("/v1/auth/me"), "AxonIQ-Access-Token", MONITORING);
        assertThat(JSON.readTree(me.body()).get("role").asText()).isEqualTo("viewer");

        HttpResponse<String> pause = Http.patch(url("/v1/components/payment/processors/payments/pause"),
                "AxonIQ-Access-Token", MONITORING);
        assertThat(pause.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(pause.body()).get("detail").asText()).contains("token:monitoring", "viewer", "operator role");
        assertThat(Http.post(url("/v1/dashboard/sagas/AnySaga/saga-1/end"), "{\"reason\":\"x\"}", "AxonIQ-Access-Token", MONITORING)
                .statusCode()).isEqualTo(403);

        HttpResponse<String> service = Http.get(url("/v1/dashboard/events"), "AxonIQ-Access-Token", PAYMENT);
        assertThat(service.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(service.body()).get("detail").asText()).contains("application 'payment'", "gRPC only");
    }

    @Test
    void aShopAdminSignsInWithTheUserServicesJwtAndACustomerCannot() throws Exception {
        String admin = jwt("ops@shop.test", "ADMIN", ISSUER, shopKey, Instant.now().plusSeconds(600));
        HttpResponse<String> me = Http.get(url("/v1/auth/me"), "Authorization", "Bearer " + admin);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).get("name").asText()).isEqualTo("ops@shop.test");
        assertThat(JSON.readTree(me.body()).get("role").asText()).isEqualTo("operator");

        HttpResponse<String> customer = Http.get(url("/v1/dashboard/overview"), "Authorization",
                "Bearer " + jwt("jane@shop.test", "CUSTOMER", ISSUER, shopKey, Instant.now().plusSeconds(600)));
        assertThat(customer.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(customer.body()).get("detail").asText()).contains("jane@shop.test", "no role");

        RSAKey forger = new RSAKeyGenerator(2048).keyID("shop-key").generate();
        for (String bad : List.of(jwt("ops@shop.test", "ADMIN", ISSUER, forger, Instant.now().plusSeconds(600)),
                jwt("ops@shop.test", "ADMIN", ISSUER, shopKey, Instant.now().minusSeconds(600)),
                jwt("ops@shop.test", "ADMIN", "someone-else", shopKey, Instant.now().plusSeconds(600)))) {
            assertUnauthorized(Http.get(url("/v1/dashboard/overview"), "Authorization", "Bearer " + bad), "AXONIQ-1001");
        }
    }

    @Test
    void theSignInFormGoesThroughTheUserServicesLogin() throws Exception {
        HttpResponse<String> wrong = Http.post(url("/v1/auth/login"),
                "{\"email\":\"ops@shop.test\",\"password\":\"wrong\"}", Http.anonymous());
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> missing = Http.post(url("/v1/auth/login"), "{\"email\":\"ops@shop.test\"}", Http.anonymous());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("field").asText()).isEqualTo("password");

        HttpResponse<String> signedIn = Http.post(url("/v1/auth/login"),
                "{\"email\":\"ops@shop.test\",\"password\":\"" + ADMIN_PASSWORD + "\"}", Http.anonymous());
        assertThat(signedIn.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(signedIn.body());
        assertThat(body.get("role").asText()).isEqualTo("operator");
        assertThat(body.get("name").asText()).isEqualTo("ops@shop.test");
        assertThat(Http.get(url("/v1/dashboard/overview"), "Authorization", "Bearer " + body.get("token").asText())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void crossSiteActionsAreRefusedEvenWithACredential() throws Exception {
        // The no-body cross-site POST a hostile page can make with a form or fetch(..., {mode: 'no-cors'}).
        HttpResponse<String> noBody = Http.post(url("/v1/dashboard/sagas/AnySaga/saga-1/compensate"), "",
                Http.anonymous("Origin", "http://evil.example", "Sec-Fetch-Site", "cross-site"));
        assertThat(noBody.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(noBody.body()).get("title").asText()).isEqualTo("Cross-site request refused");

        HttpResponse<String> otherOrigin = Http.post(url("/v1/dashboard/sagas/AnySaga/saga-1/end"), "{\"reason\":\"x\"}",
                "AxonIQ-Access-Token", ADMIN, "Origin", "http://evil.example");
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(otherOrigin.body()).get("detail").asText()).contains("http://evil.example");
        HttpResponse<String> sameSite = Http.patch(url("/v1/components/payment/processors/payments/pause"),
                "AxonIQ-Access-Token", ADMIN, "Sec-Fetch-Site", "same-site");
        assertThat(sameSite.statusCode()).isEqualTo(403);
        HttpResponse<String> loginFromElsewhere = Http.post(url("/v1/auth/login"),
                "{\"email\":\"ops@shop.test\",\"password\":\"" + ADMIN_PASSWORD + "\"}",
                Http.anonymous("Origin", "http://evil.example"));
        assertThat(loginFromElsewhere.statusCode()).isEqualTo(403);

        // The hub's own page: same origin, accepted (the processor is unknown: 404, not a refusal).
        HttpResponse<String> own = Http.patch(url("/v1/components/payment/processors/payments/pause"),
                "AxonIQ-Access-Token", ADMIN, "Origin", hub.httpUrl(), "Sec-Fetch-Site", "same-origin");
        assertThat(own.statusCode()).isEqualTo(404);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (HttpResponse<String> response : List.of(Http.get(url("/"), Http.anonymous()),
                Http.get(url("/dashboard/app.js"), Http.anonymous()),
                Http.get(url("/v1/dashboard/overview"), Http.anonymous()),
                Http.get(url("/v1/dashboard/overview")),
                Http.get(url("/actuator/health"), Http.anonymous()))) {
            var headers = response.headers();
            assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe"));
            assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
            assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).contains("no-referrer");
        }
    }

    private static String url(String path) {
        return hub.httpUrl() + path;
    }

    private static void assertUnauthorized(HttpResponse<String> response, String code) throws Exception {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("errorCode").asText()).isEqualTo(code);
    }

    private static String jwt(String email, String role, String issuer, RSAKey key, Instant expiry) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(UUID.randomUUID().toString())
                .claim("roles", List.of(role)).claim("email", email).issueTime(new Date())
                .expirationTime(Date.from(expiry)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
