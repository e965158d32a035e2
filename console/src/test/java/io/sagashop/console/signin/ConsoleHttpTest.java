package io.sagashop.console.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import io.sagashop.console.support.ConsoleTest;
import io.sagashop.console.support.TestUserService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console over HTTP as a browser and a script reach it: open pages with the security
 * headers, the API behind the shop's admin JWT, actions behind the operator role and the CSRF
 * header, refusals as problem+json, the sign-in through the user service, the audit trail.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleHttpTest extends ConsoleTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CSRF = Map.of("X-Requested-With", "sagashop-console");

    @LocalServerPort
    int port;

    TestUserService users = TestUserService.get();

    @BeforeEach
    void everyApplicationAnswers() {
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/v1/dashboard/saga-types", users.adminToken())
                .body().path("types").size() == 2);
    }

    @Test
    void thePagesAreOpenAndEveryAnswerCarriesTheSecurityHeaders() throws Exception {
        Answer page = get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("<title>Sagashop saga console</title>", "/inspection/inspection.js",
                "/console/console.js");
        assertSecurityHeaders(page.response());
        assertThat(get("/inspection/inspection.js", null).text()).contains("window.SagaInspection");
        assertThat(get("/console/console.js", null).text()).contains("window.SagaInspection", "I.configure(", "X-Requested-With");
        assertThat(get("/actuator/health", null).text()).contains("\"UP\"");

        // Refusals too.
        assertSecurityHeaders(get("/v1/dashboard/saga-types", null).response());
    }

    @Test
    void theApiNeedsASignInAsProblemJson() throws Exception {
        Answer anonymous = get("/v1/dashboard/sagas", null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.response().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(anonymous.body().path("detail").asText()).contains("Authorization: Bearer");
        assertThat(get("/v1/dashboard/consistency", null).status()).isEqualTo(401);
        assertThat(get("/v1/auth/me", null).status()).isEqualTo(401);
    }

    @Test
    void forgedExpiredAndForeignTokensAreRefused() throws Exception {
        JWTClaimsSet admin = TestUserService.claims(TestUserService.ADMIN, List.of("ADMIN")).build();
        assertThat(get("/v1/dashboard/sagas", TestUserService.signWithAnotherKey(admin)).status()).isEqualTo(401);

        JWTClaimsSet expired = TestUserService.claims(TestUserService.ADMIN, List.of("ADMIN"))
                .issueTime(Date.from(Instant.now().minusSeconds(7200)))
                .expirationTime(Date.from(Instant.now().minusSeconds(3600))).build();
        assertThat(get("/v1/dashboard/sagas", users.sign(expired)).status()).isEqualTo(401);

        JWTClaimsSet foreign = TestUserService.claims(TestUserService.ADMIN, List.of("ADMIN")).issuer("someone-else").build();
        Answer refused = get("/v1/dashboard/sagas", users.sign(foreign));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("detail").asText()).contains("Invalid or expired sign-in token");
    }

    @Test
    void aCustomerMayNotUseTheConsole() throws Exception {
        Answer customer = get("/v1/dashboard/sagas", users.customerToken());

        assertThat(customer.status()).isEqualTo(403);
        assertThat(customer.body().path("detail").asText()).contains(TestUserService.CUSTOMER, "no role");
    }

    @Test
    void anAdminSeesTheSagasTheirTimelinesAndTheConsistencyReports() throws Exception {
        String admin = users.adminToken();

        JsonNode types = get("/v1/dashboard/saga-types", admin).body();
        assertThat(types.path("types").findValuesAsText("sagaType")).containsExactly("ToyRefund", "ToyTrip");
        assertThat(get("/v1/dashboard/sagas?key=booking-1", admin).body().path("sagas").findValuesAsText("sagaId"))
                .containsExactly("trip-1", "refund-1");

        JsonNode trip = get("/v1/dashboard/sagas/ToyTrip/trip-1", admin).body();
        assertThat(trip.path("summary").path("state").asText()).isEqualTo("ACTIVE");
        assertThat(trip.path("summary").path("lastActivityAt").asText()).isEqualTo("2026-12-01T10:00:40Z");
        assertThat(trip.path("timeline").findValuesAsText("messageName")).containsExactly("TripBooked", "ReserveSeat");

        Answer unknown = get("/v1/dashboard/sagas/ToyTrip/trip-404", admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");

        JsonNode consistency = get("/v1/dashboard/consistency", admin).body();
        assertThat(consistency.path("clean").asBoolean()).isFalse();
        assertThat(consistency.path("violations").asLong()).isEqualTo(1);
        assertThat(consistency.path("reports").findValuesAsText("application")).containsExactly("toy-refunds");

        Answer badLimit = get("/v1/dashboard/sagas?limit=0", admin);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.body().path("field").asText()).isEqualTo("limit");

        JsonNode me = get("/v1/auth/me", admin).body();
        assertThat(me.path("name").asText()).isEqualTo(TestUserService.ADMIN);
        assertThat(me.path("role").asText()).isEqualTo("operator");
    }

    @Test
    void anActionNeedsTheCsrfHeaderAndComesFromTheConsolesOwnPage(CapturedOutput output) throws Exception {
        String admin = users.adminToken();
        String retry = "/v1/dashboard/sagas/ToyTrip/trip-1/retry";
        int handledBefore = WORLD.trips.handled.size();

        Answer noHeader = post(retry, admin, "{}", Map.of());
        assertThat(noHeader.status()).isEqualTo(403);
        assertThat(noHeader.body().path("detail").asText()).contains("X-Requested-With");

        Answer crossSite = post(retry, admin, "{}", Map.of("X-Requested-With", "sagashop-console",
                "Sec-Fetch-Site", "cross-site"));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.body().path("title").asText()).isEqualTo("Cross-site request refused");

        Answer otherOrigin = post(retry, admin, "{}", Map.of("X-Requested-With", "sagashop-console",
                "Origin", "https://evil.example"));
        assertThat(otherOrigin.status()).isEqualTo(403);
        assertThat(otherOrigin.body().path("detail").asText()).contains("Origin https://evil.example");
        // Refused before anything was sent.
        assertThat(WORLD.trips.handled).hasSize(handledBefore);

        Answer done = post(retry, admin, "{\"reason\":\"provider is back\"}",
                Map.of("X-Requested-With", "sagashop-console", "Origin", "http://localhost:" + port,
                        "Sec-Fetch-Site", "same-origin"));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().path("operator").asText()).isEqualTo(TestUserService.ADMIN);
        assertThat(done.body().path("status").asText()).isEqualTo("done");
        assertThat(WORLD.trips.handled).contains("toy-trips-1 RETRY trip-1 by ops@console.test because provider is back");
        assertThat(output).contains("operator=ops@console.test", "action=saga retry", "target=saga ToyTrip trip-1",
                "outcome=done");
    }

    @Test
    void theOperatorIsTheSignedInAccountNeverTheBody() throws Exception {
        Answer named = post("/v1/dashboard/sagas/ToyTrip/trip-2/retry", users.adminToken(),
                "{\"operator\":\"someone-else\"}", CSRF);

        assertThat(named.status()).isEqualTo(400);
        assertThat(named.body().path("field").asText()).isEqualTo("operator");
    }

    @Test
    void theApplicationsRefusalIsAConflictAndAudited(CapturedOutput output) throws Exception {
        Answer refused = post("/v1/dashboard/sagas/ToyTrip/trip-3/end", users.adminToken(),
                "{\"reason\":\"cleaning up\"}", CSRF);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.response().headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body().path("detail").asText()).contains("saga trip-3 is over (COMPLETED)");
        assertThat(output).contains("action=saga end", "target=saga ToyTrip trip-3", "outcome=refused (409)");
    }

    @Test
    void aViewerReadsButMayNotAct() throws Exception {
        String support = users.token(TestUserService.SUPPORT, List.of("SUPPORT"));

        assertThat(get("/v1/dashboard/saga-types", support).status()).isEqualTo(200);
        Answer act = post("/v1/dashboard/sagas/ToyTrip/trip-1/retry", support, "{}", CSRF);
        assertThat(act.status()).isEqualTo(403);
        assertThat(act.body().path("detail").asText()).contains("signed in as viewer", "operator role");
    }

    @Test
    void theSignInGoesThroughTheUserServiceAndHandsBackACheckedToken() throws Exception {
        Answer signedIn = post("/v1/auth/login", null, login(TestUserService.ADMIN, TestUserService.PASSWORD), CSRF);
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.body().path("role").asText()).isEqualTo("operator");
        assertThat(signedIn.body().path("name").asText()).isEqualTo(TestUserService.ADMIN);
        assertThat(get("/v1/dashboard/saga-types", signedIn.body().path("token").asText()).status()).isEqualTo(200);

        assertThat(post("/v1/auth/login", null, login(TestUserService.ADMIN, "wrong"), CSRF).status()).isEqualTo(401);
        Answer customer = post("/v1/auth/login", null, login(TestUserService.CUSTOMER, TestUserService.PASSWORD), CSRF);
        assertThat(customer.status()).isEqualTo(403);
        Answer noEmail = post("/v1/auth/login", null, "{\"password\":\"x\"}", CSRF);
        assertThat(noEmail.status()).isEqualTo(400);
        assertThat(noEmail.body().path("field").asText()).isEqualTo("email");
        // A login form another site submits is refused like any other state-changing request.
        assertThat(post("/v1/auth/login", null, login(TestUserService.ADMIN, TestUserService.PASSWORD), Map.of())
                .status()).isEqualTo(403);
    }

    private static String login(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    private static void assertSecurityHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"));
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    }

    record Answer(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String text() {
            return response.body();
        }

        JsonNode body() throws IOException {
            return JSON.readTree(response.body());
        }
    }

    private Answer get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return new Answer(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private Answer post(String path, String token, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return new Answer(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }
}
