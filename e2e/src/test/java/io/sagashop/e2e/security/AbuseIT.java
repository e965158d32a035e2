package io.sagashop.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sagashop.e2e.support.Audit;
import io.sagashop.e2e.support.Shop;
import io.sagashop.e2e.support.ShopClient;
import io.sagashop.e2e.support.ShopClient.Customer;
import io.sagashop.e2e.support.ShopClient.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The abuse cases of issue 14 that a public shop meets from customers and strangers, replayed
 * against the real processes: each is refused as documented (429, 401, 413, 400 naming the
 * field, 403) and changes nothing: no order, no payment, no stock moved, and a clean audit.
 */
class AbuseIT {

    static final String APPROVED = "4242424242424242";
    static final Duration SETTLED = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The usual ports of a shop started with {@code ./shop up}. */
    private static final Map<String, Integer> LOCAL_PORTS = Map.of("user", 8081, "catalog", 8082, "order-saga", 8083,
            "payment", 8084, "notification", 8085, "recommendation", 8086, "smtp-sink", 8025, "sandbox", 8090);

    /** The e2e shop, or null when the tests run against {@code ./shop up} ({@code -Dsagashop.e2e.target=local}). */
    static Shop shop;
    static ShopClient client;
    static int smtpPort;

    @BeforeAll
    static void startShop() {
        if ("local".equals(System.getProperty("sagashop.e2e.target"))) {
            client = ShopClient.forLocalShop(java.nio.file.Path.of(System.getProperty("sagashop.root", "..")));
            smtpPort = 2525;
        } else {
            shop = Shop.get();
            client = shop.client();
            smtpPort = 2525 + Shop.PORT_OFFSET;
        }
    }

    private static int port(String service) {
        return shop == null ? LOCAL_PORTS.get(service) : shop.process(service).port();
    }

    @AfterEach
    void auditIsClean() {
        Audit.assertClean(client);
    }

    // ------------------------------------------------------------------ login

    @Test
    void guessingAPasswordLocksTheAccountWith429AndRetryAfter() throws Exception {
        Customer victim = client.newCustomer("Victim Account");
        Customer bystander = client.newCustomer("Bystander Account");
        for (int guess = 1; guess <= 10; guess++) {
            assertThat(login(victim.email(), "guess number " + guess).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = login(victim.email(), "guess number 11");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 15 * 60L);
        assertThat(JSON.readTree(locked.body()).get("code").asText()).isEqualTo("too-many-login-failures");
        // The victim's own token still works (the lockout stops guessing, not the customer's session)
        // and other customers log in from the same address.
        assertThat(client.get("user", "/users/me", victim.token()).status()).isEqualTo(200);
        assertThat(login(bystander.email(), "wrong for once").statusCode()).isEqualTo(401);
    }

    @Test
    void sprayingPasswordsFromOneAddressLocksThatAddressOnly() throws Exception {
        Customer customer = client.newCustomer("Sprayed Customer");
        // A second loopback address stands for another client, so the locked one is not the
        // address every other test uses.
        String attacker = "127.0.0.2";
        for (int attempt = 1; attempt <= 100; attempt++) {
            String body = JSON.writeValueAsString(Map.of("email", "nobody-" + attempt + "@abuse.example", "password", "summer holidays"));
            assertThat(rawPost(attacker, "user", "/auth/login", body).status()).as("attempt %d", attempt).isEqualTo(401);
        }
        RawResponse locked = rawPost(attacker, "user", "/auth/login",
                JSON.writeValueAsString(Map.of("email", customer.email(), "password", "another guess")));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.headers()).containsIgnoringCase("Retry-After:");
        assertThat(login(customer.email(), "another guess").statusCode()).as("from 127.0.0.1").isEqualTo(401);
    }

    @Test
    void passwordsAreJudgedByTheirLengthInBytesAndAgainstTheCommonList() throws Exception {
        String email = "policy-" + UUID.randomUUID().toString().substring(0, 8) + "@e2e.sagashop.local";
        for (var refused : Map.of("aaaaaaaa", "password-too-short", "password1234", "password-too-common",
                "é".repeat(40), "password-too-long").entrySet()) {
            Response answer = client.post("user", "/users", null, Map.of("email", email, "name", "Policy", "password", refused.getKey()));
            assertThat(answer.status()).as(refused.getKey()).isEqualTo(400);
            assertThat(field(answer.body())).isEqualTo("password");
            assertThat(answer.body().get("errors").get(0).get("message").asText()).contains(refused.getValue());
        }
        assertThat(login(email, "é".repeat(40)).statusCode()).as("at login too: 400, not 500").isEqualTo(400);
        assertThat(login(email, "aaaaaaaa").statusCode()).as("no account was made").isEqualTo(401);
    }

    // ------------------------------------------------------------------ deactivation

    @Test
    void aDeactivatedCustomersTokenIsRefusedEverywhereWithinSeconds() throws Exception {
        Customer customer = client.newCustomer("Soon Deactivated");
        String product = client.addProduct("Deactivation Lamp", "lighting", "12.00", 5);
        for (String service : List.of("user", "order-saga", "catalog", "payment", "notification", "recommendation")) {
            assertThat(raw("GET", service, path(service, customer), customer.token(), null).statusCode()).as(service).isLessThan(400);
        }

        long start = System.nanoTime();
        assertThat(raw("DELETE", "user", "/users/" + customer.id(), client.adminToken(), null).statusCode()).isEqualTo(204);
        for (String service : List.of("user", "order-saga", "catalog", "payment", "notification", "recommendation")) {
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> raw("GET", service, path(service, customer), customer.token(), null).statusCode() == 401);
        }
        System.out.printf("AbuseIT: a deactivated customer's token was refused by every service %d ms after the deactivation%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());

        Response placed = client.placeOrder(customer, Map.of(product, 1), APPROVED);
        assertThat(placed.status()).isEqualTo(401);
        assertThat(client.product(product).get("availableStock").asInt()).isEqualTo(5);
        JsonNode everyOrder = client.get("order-saga", "/orders?size=200", client.adminToken()).body();
        assertThat(StreamSupport.stream(everyOrder.get("orders").spliterator(), false)
                .noneMatch(order -> customer.id().equals(order.path("customerId").asText()))).isTrue();
    }

    private static String path(String service, Customer customer) {
        return switch (service) {
            case "user" -> "/users/me";
            case "order-saga" -> "/orders";
            case "catalog" -> "/products";
            case "payment" -> "/payments?orderId=none";
            case "notification" -> "/notifications?customerId=" + customer.id();
            default -> "/recommendations?customerId=" + customer.id();
        };
    }

    // ------------------------------------------------------------------ request bodies

    @Test
    void aHugeBodyIsRefusedWith413BeforeItIsReadOnEveryService() throws Exception {
        Customer customer = client.newCustomer("Huge Body");
        String product = client.addProduct("Heavy Anvil", "tools", "99.00", 3);
        ObjectNode order = client.orderRequest(Map.of(product, 1), APPROVED);
        order.putArray("padding").add("x".repeat(9_900_000));
        byte[] huge = JSON.writeValueAsBytes(order);

        // Only the headers and the first 64 KiB are sent: the answer must come without the rest.
        long start = System.nanoTime();
        RawResponse refused = rawStart("order-saga", "/orders", customer.token(), huge, 64 * 1024);
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body()).contains("payload-too-large");
        System.out.printf("AbuseIT: a 9.9 MB order body answered 413 in %d ms, before its body was sent%n", millis);
        for (String service : List.of("user", "catalog", "payment", "notification", "recommendation")) {
            String target = switch (service) {
                case "user" -> "/users";
                case "catalog" -> "/products";
                case "payment" -> "/payments";
                case "notification" -> "/notifications";
                default -> "/recommendations";
            };
            assertThat(rawStart(service, target, client.adminToken(), huge, 1024).status()).as(service).isEqualTo(413);
        }
        assertThat(client.get("order-saga", "/orders", customer.token()).body().get("totalElements").asLong()).isZero();
        assertThat(client.product(product).get("availableStock").asInt()).isEqualTo(3);
    }

    @Test
    void quantitiesAreWholeNumbersAndEnumsKnownValuesOnly() throws Exception {
        Customer customer = client.newCustomer("Strict Json");
        String product = client.addProduct("Exact Scale", "tools", "15.00", 4);
        for (String quantity : List.of("1.5", "\"2\"")) {
            String body = JSON.writeValueAsString(client.orderRequest(Map.of(product, 1), APPROVED))
                    .replace("\"quantity\":1", "\"quantity\":" + quantity);
            HttpResponse<String> answer = raw("POST", "order-saga", "/orders", customer.token(), body);
            assertThat(answer.statusCode()).as(quantity).isEqualTo(400);
            assertThat(field(JSON.readTree(answer.body()))).isEqualTo("lines[0].quantity");
        }
        String bitcoin = JSON.writeValueAsString(client.orderRequest(Map.of(product, 1), APPROVED))
                .replace("\"type\":\"CARD\"", "\"type\":\"BITCOIN\"");
        HttpResponse<String> unknown = raw("POST", "order-saga", "/orders", customer.token(), bitcoin);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(field(JSON.readTree(unknown.body()))).isEqualTo("paymentMethod.type");
        assertThat(client.get("order-saga", "/orders", customer.token()).body().get("totalElements").asLong()).isZero();
        assertThat(client.product(product).get("availableStock").asInt()).isEqualTo(4);
    }

    @Test
    void controlAndBidiCharactersAreRefusedInNames() throws Exception {
        Customer customer = client.newCustomer("Plain Name");
        for (String name : List.of("Eve\u0000", "Eve\u001b[2J", "Eve\u202egpj.exe", "Eve\r\nBcc: all@example.com")) {
            Response registered = client.post("user", "/users", null, Map.of("email",
                    "ctl-" + UUID.randomUUID().toString().substring(0, 8) + "@e2e.sagashop.local", "name", name,
                    "password", "tulip meadow 42"));
            assertThat(registered.status()).isEqualTo(400);
            assertThat(field(registered.body())).isEqualTo("name");
            Response updated = client.put("user", "/users/me", customer.token(), Map.of("email", customer.email(), "name", name));
            assertThat(updated.status()).isEqualTo(400);
            assertThat(field(updated.body())).isEqualTo("name");
        }
        assertThat(client.get("user", "/users/me", customer.token()).text("name")).isEqualTo("Plain Name");
        String product = client.addProduct("Clean Label", "tools", "5.00", 2);
        ObjectNode order = client.orderRequest(Map.of(product, 1), APPROVED);
        ((ObjectNode) order.get("shippingAddress")).put("recipient", "Mallory\u202e");
        Response placed = client.post("order-saga", "/orders", customer.token(), order);
        assertThat(placed.status()).isEqualTo(400);
        assertThat(field(placed.body())).isEqualTo("shippingAddress.recipient");
        assertThat(client.product(product).get("availableStock").asInt()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ authorization

    @Test
    void authorizationIsCheckedBeforeTheBody() throws Exception {
        Customer customer = client.newCustomer("Not An Admin");
        String invalid = "{\"sku\":\"\",\"price\":\"free\",";
        assertThat(raw("POST", "catalog", "/products", customer.token(), invalid).statusCode()).isEqualTo(403);
        assertThat(raw("POST", "catalog", "/products", null, invalid).statusCode()).isEqualTo(401);
        assertThat(raw("POST", "payment", "/payments", customer.token(), "{\"amount\":-1}").statusCode()).isEqualTo(403);
        assertThat(raw("POST", "payment", "/payments", null, "{\"amount\":-1}").statusCode()).isEqualTo(401);
        assertThat(raw("DELETE", "user", "/users/not-an-id", customer.token(), null).statusCode()).isEqualTo(403);
    }

    @Test
    void actuatorEndpointsOtherThanHealthNeedAnAdministrator() throws Exception {
        Customer customer = client.newCustomer("Curious Customer");
        for (String service : List.of("user", "catalog", "order-saga", "payment", "notification", "recommendation")) {
            assertThat(raw("GET", service, "/actuator/health", null, null).statusCode()).as(service).isEqualTo(200);
            for (String endpoint : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info")) {
                assertThat(raw("GET", service, endpoint, null, null).statusCode()).as(service + endpoint).isEqualTo(401);
                assertThat(raw("GET", service, endpoint, customer.token(), null).statusCode()).as(service + endpoint).isEqualTo(403);
            }
            assertThat(raw("GET", service, "/actuator/prometheus", client.adminToken(), null).statusCode()).as(service).isEqualTo(200);
        }
    }

    // ------------------------------------------------------------------ probing

    @Test
    void someoneElsesPaymentIsTheSame404AsNoPaymentAndHugePagesAre400() throws Exception {
        String product = client.addProduct("Oracle Mug", "kitchen", "9.50", 5);
        Customer owner = client.newCustomer("Payment Owner");
        String orderId = client.placeOrder(owner, Map.of(product, 1), APPROVED).text("orderId");
        client.awaitFinal(owner.token(), orderId, SETTLED);
        String paymentId = client.get("payment", "/payments?orderId=" + orderId, client.adminToken()).body().get(0)
                .get("paymentId").asText();
        Customer prober = client.newCustomer("Payment Prober");

        HttpResponse<String> theirs = raw("GET", "payment", "/payments/" + paymentId, prober.token(), null);
        HttpResponse<String> none = raw("GET", "payment", "/payments/pay-does-not-exist", prober.token(), null);
        assertThat(theirs.statusCode()).isEqualTo(404);
        assertThat(none.statusCode()).isEqualTo(404);
        JsonNode theirsProblem = JSON.readTree(theirs.body());
        JsonNode noneProblem = JSON.readTree(none.body());
        assertThat(theirsProblem.path("title")).isEqualTo(noneProblem.path("title"));
        assertThat(theirsProblem.path("code")).isEqualTo(noneProblem.path("code"));
        assertThat(theirs.body()).doesNotContain(orderId);
        assertThat(raw("GET", "payment", "/payments/" + paymentId, owner.token(), null).statusCode()).isEqualTo(200);

        for (String query : List.of("page=2147483647", "page=99999999999999999999", "size=2147483647")) {
            HttpResponse<String> page = raw("GET", "catalog", "/products?" + query, null, null);
            assertThat(page.statusCode()).as(query).isEqualTo(400);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
            assertThat(field(JSON.readTree(page.body()))).as(query).isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }

    // ------------------------------------------------------------------ loopback

    @Test
    void servicesTheSmtpSinkAndTheSandboxListenOnLoopbackOnly() throws IOException {
        InetAddress outside = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst().orElse(null);
        Assumptions.assumeTrue(outside != null, "this machine has no non-loopback IPv4 address");
        for (String name : List.of("user", "catalog", "order-saga", "payment", "notification", "recommendation", "smtp-sink",
                "sandbox")) {
            int port = port(name);
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(outside, port), 2000))
                        .as("%s on %s:%d", name, outside.getHostAddress(), port).isInstanceOf(ConnectException.class);
            }
        }
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(outside, smtpPort), 2000))
                    .as("SMTP").isInstanceOf(ConnectException.class);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String field(JsonNode problem) {
        return problem.get("errors").get(0).get("field").asText();
    }

    private static HttpResponse<String> login(String email, String password) throws Exception {
        return raw("POST", "user", "/auth/login", null, JSON.writeValueAsString(Map.of("email", email, "password", password)));
    }

    private static HttpResponse<String> raw(String method, String service, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(service) + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json, */*;q=0.5")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record RawResponse(int status, String headers, String body) {
    }

    /** Whether an answer is whole: its Content-Length received, or its last chunk. */
    private static boolean complete(String answer) {
        int headersEnd = answer.indexOf("\r\n\r\n");
        if (headersEnd < 0) {
            return false;
        }
        var length = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *([0-9]+)").matcher(answer.substring(0, headersEnd));
        return length.find() ? answer.length() - headersEnd - 4 >= Integer.parseInt(length.group(1))
                : answer.endsWith("\r\n0\r\n\r\n");
    }

    /**
     * A POST that declares the whole body but sends only its first {@code sent} bytes, then reads
     * the answer: a server that waited for the body would time out instead.
     */
    private static RawResponse rawStart(String service, String path, String token, byte[] body, int sent) throws IOException {
        int port = port(service);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, Math.min(sent, body.length));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** Reads one answer: until the server closes, or the end of its chunked body when it keeps reading ours. */
    private static RawResponse read(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            if (complete(answer.toString())) {
                break;
            }
        }
        String text = answer.toString();
        int status = Integer.parseInt(text.substring(9, 12));
        int headersEnd = text.indexOf("\r\n\r\n");
        return new RawResponse(status, headersEnd < 0 ? text : text.substring(0, headersEnd),
                headersEnd < 0 ? "" : text.substring(headersEnd + 4));
    }

    /** One HTTP/1.1 POST from a chosen local address (Java 17's HttpClient cannot choose it). */
    private static RawResponse rawPost(String fromAddress, String service, String path, String body) throws IOException {
        int port = port(service);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            return read(socket.getInputStream());
        }
    }
}
