package io.sagashop.platform.test.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sagashop.platform.test.ServiceTest;
import io.sagashop.platform.test.TestTokens;
import io.sagashop.user.api.UserDeactivated;
import io.sagashop.user.api.UserId;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the platform refuses for every service, through the real HTTP stack on MariaDB with
 * Axon's local buses: oversized bodies (413 before parsing), coerced numbers and booleans,
 * unknown enum values, control and bidirectional characters (400 naming the field), a
 * customer's invalid body on an admin endpoint (403, not 400), anonymous actuator metrics, a
 * deactivated user's token (401 once the event is seen), and a port beyond loopback.
 */
@ServiceTest(properties = "axon.axonserver.enabled=false")
class AbuseLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate rest;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private ResponseEntity<JsonNode> post(String token, String body) {
        return new Http(rest).call(HttpMethod.POST, "/widgets", token, body);
    }

    private long widgetEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type LIKE '%WidgetCreated'",
                Long.class);
    }

    private static List<String> fields(JsonNode problem) {
        return StreamSupport.stream(problem.get("errors").spliterator(), false).map(e -> e.get("field").asText()).toList();
    }

    private static String message(JsonNode problem) {
        return problem.get("errors").get(0).get("message").asText();
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
        long before = widgetEvents();
        String huge = "{\"name\":\"big\",\"quantity\":1,\"note\":\"" + "x".repeat(70 * 1024) + "\"}";

        var declared = post(TestTokens.admin(), huge);
        assertThat(declared.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(declared.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(declared.getBody().get("type").asText()).endsWith("/payload-too-large");

        // Chunked: no Content-Length to judge by.
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/widgets"))
                .header("Authorization", "Bearer " + TestTokens.admin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge.getBytes())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(chunked.body()).get("type").asText()).endsWith("/payload-too-large");

        // The same chunked way, under the limit, still works.
        String small = "{\"name\":\"small\",\"quantity\":1}";
        HttpResponse<String> fine = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/widgets"))
                .header("Authorization", "Bearer " + TestTokens.admin())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small.getBytes())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fine.statusCode()).isEqualTo(201);
        assertThat(widgetEvents()).isEqualTo(before + 1);
    }

    @Test
    void theRefusalComesBeforeTheBodyIsSent() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /widgets HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TestTokens.admin() + "\r\nContent-Length: 10000000\r\n\r\n{\"name\":\"")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] answer = new byte[4096];
            int read = socket.getInputStream().read(answer);
            String text = new String(answer, 0, Math.max(read, 0), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("HTTP/1.1 413").contains("payload-too-large");
        }
    }

    @Test
    void numbersAndBooleansAreNotCoercedIntoIntegers() {
        for (String quantity : List.of("1.5", "\"2\"", "true", "null", "1e2")) {
            var response = post(TestTokens.admin(), "{\"name\":\"w\",\"quantity\":" + quantity + "}");
            assertThat(response.getStatusCode()).as(quantity).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(fields(response.getBody())).as(quantity).containsExactly("quantity");
        }
        assertThat(message(post(TestTokens.admin(), "{\"name\":\"w\",\"quantity\":1.5}").getBody()))
                .isEqualTo("must be a whole number");
    }

    @Test
    void unknownOrNumericEnumValuesAreRefusedNamingTheField() {
        for (String finish : List.of("\"SATIN\"", "\"gloss\"", "0", "\"\"")) {
            var response = post(TestTokens.admin(), "{\"name\":\"w\",\"quantity\":1,\"finish\":" + finish + "}");
            assertThat(response.getStatusCode()).as(finish).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(fields(response.getBody())).as(finish).containsExactly("finish");
        }
        assertThat(message(post(TestTokens.admin(), "{\"name\":\"w\",\"quantity\":1,\"finish\":\"SATIN\"}").getBody()))
                .contains("MATT", "GLOSS");
        assertThat(post(TestTokens.admin(), "{\"name\":\"w\",\"quantity\":1,\"finish\":\"GLOSS\"}").getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void controlAndBidiCharactersAreRefusedInTextNamingTheField() {
        long before = widgetEvents();
        for (String name : List.of("nul\\u0000", "esc\\u001b[31m", "rtl\\u202egpj.exe", "two\\nlines", "cr\\r", "tab\\t",
                "c1\\u0085", "del\\u007f", "isolate\\u2066", "lone\\ud800")) {
            var response = post(TestTokens.admin(), "{\"name\":\"" + name + "\",\"quantity\":1}");
            assertThat(response.getStatusCode()).as(name).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(fields(response.getBody())).as(name).containsExactly("name");
        }
        assertThat(widgetEvents()).isEqualTo(before);
        // A multi-line field takes line breaks and tabs, never the rest.
        assertThat(post(TestTokens.admin(), "{\"name\":\"Zoë 😀 ok\",\"quantity\":1,\"note\":\"one\\n\\ttwo\\r\\n\"}")
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
        var bidi = post(TestTokens.admin(), "{\"name\":\"w\",\"quantity\":1,\"note\":\"a\\u202eb\"}");
        assertThat(bidi.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(bidi.getBody())).containsExactly("note");
        assertThat(widgetEvents()).isEqualTo(before + 1);
    }

    @Test
    void authorizationComesBeforeValidation() {
        String invalid = "{\"name\":\"\",\"quantity\":1.5";
        assertThat(post(TestTokens.customer(), invalid).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(TestTokens.customer(), "{\"name\":\"\",\"quantity\":-1}").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post(null, invalid).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post(TestTokens.admin(), invalid).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void actuatorEndpointsOtherThanHealthNeedAnAdministrator() {
        Http http = new Http(rest);
        assertThat(http.call(HttpMethod.GET, "/actuator/health", null, null).getStatusCode()).isEqualTo(HttpStatus.OK);
        for (String path : List.of("/actuator/info", "/actuator/metrics", "/actuator/prometheus")) {
            assertThat(http.call(HttpMethod.GET, path, null, null).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(http.call(HttpMethod.GET, path, TestTokens.customer(), null).getStatusCode()).as(path)
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(http.call(HttpMethod.GET, "/actuator/metrics", TestTokens.admin(), null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void aDeactivatedUsersTokenIsRefusedOnceTheEventIsSeen() {
        String deactivated = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String token = TestTokens.customer(deactivated);
        Http http = new Http(rest);
        assertThat(http.call(HttpMethod.GET, "/me", token, null).getStatusCode()).isEqualTo(HttpStatus.OK);

        eventStore.publish(GenericEventMessage.asEventMessage(new UserDeactivated(UserId.of(deactivated))));

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.call(HttpMethod.GET, "/me", token, null).getStatusCode() == HttpStatus.UNAUTHORIZED);
        assertThat(http.call(HttpMethod.GET, "/me", TestTokens.customer(deactivated), null).getStatusCode())
                .as("a fresh token of the same user").isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.call(HttpMethod.GET, "/me", TestTokens.customer(other), null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void theServiceListensOnLoopbackOnly() throws Exception {
        InetAddress outside = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst().orElse(null);
        Assumptions.assumeTrue(outside != null, "this machine has no non-loopback IPv4 address");
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(outside, port), 2000))
                    .isInstanceOf(ConnectException.class);
        }
    }
}
