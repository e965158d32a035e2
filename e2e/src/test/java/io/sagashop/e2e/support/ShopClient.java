package io.sagashop.e2e.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The shop's public HTTP APIs, as a customer, an admin or a script would call them. Nothing here
 * reaches into a service: every fact comes from an HTTP answer.
 */
public final class ShopClient {

    /** Order statuses after which nothing changes. */
    public static final Set<String> FINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> urls;
    private final String adminEmail;
    private final String adminPassword;
    private final Map<String, CardToken> cards;
    private String adminToken;
    private Instant adminTokenAt = Instant.MIN;

    /**
     * @param urls          base URL per process name (user, catalog, order-saga, sandbox, ...)
     * @param adminEmail    the admin account the user service bootstrapped
     * @param adminPassword its password
     */
    public ShopClient(Map<String, String> urls, String adminEmail, String adminPassword) {
        this(urls, adminEmail, adminPassword, new java.util.concurrent.ConcurrentHashMap<>());
    }

    private ShopClient(Map<String, String> urls, String adminEmail, String adminPassword, Map<String, CardToken> cards) {
        this.urls = Map.copyOf(urls);
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
        this.cards = cards;
    }

    /** A shop started with {@code ./shop up}: the usual ports, the admin password from run/admin.env. */
    public static ShopClient forLocalShop(java.nio.file.Path root) {
        String password;
        try {
            password = java.nio.file.Files.readAllLines(root.resolve("run/admin.env")).stream()
                    .filter(line -> line.startsWith("SHOP_ADMIN_PASSWORD="))
                    .map(line -> line.substring("SHOP_ADMIN_PASSWORD=".length()))
                    .findFirst().orElseThrow();
        } catch (IOException | java.util.NoSuchElementException e) {
            throw new IllegalStateException("no run/admin.env under " + root + ": start the shop with ./shop up", e);
        }
        return new ShopClient(Map.of("user", "http://localhost:8081", "catalog", "http://localhost:8082",
                "order-saga", "http://localhost:8083", "payment", "http://localhost:8084",
                "notification", "http://localhost:8085", "recommendation", "http://localhost:8086",
                "sandbox", "http://localhost:8090", "hub", "http://localhost:8024", "smtp-sink", "http://localhost:8025"),
                System.getenv().getOrDefault("SHOP_ADMIN_EMAIL", "admin@sagashop.local"), password);
    }

    /** The same client, talking to another instance of one service. */
    public ShopClient with(String service, String url) {
        Map<String, String> changed = new java.util.HashMap<>(urls);
        changed.put(service, url);
        ShopClient other = new ShopClient(changed, adminEmail, adminPassword, cards);
        other.adminToken = adminToken;
        other.adminTokenAt = adminTokenAt;
        return other;
    }

    private String url(String service) {
        String url = urls.get(service);
        if (url == null) {
            throw new IllegalArgumentException("no " + service + " in this shop: " + urls.keySet());
        }
        return url;
    }

    /** An HTTP answer: status, JSON body (or null) and the Location header (or null). */
    public record Response(int status, JsonNode body, String location) {
        public String text(String field) {
            return body == null || body.get(field) == null ? null : body.get(field).asText();
        }
    }

    /**
     * A registered, signed-in customer. The password is kept (this is a test client) so that a run
     * longer than a token's lifetime can sign in again ({@link #signInAgain}).
     */
    public record Customer(String id, String email, String password, String token) {
        @Override
        public String toString() {
            return "Customer[" + id + ", " + email + "]";
        }
    }

    /**
     * How long a token is used before signing in again: under the user service's default lifetime
     * of an access token (an hour), with room for a request in flight.
     */
    public static final Duration TOKEN_RENEWAL = Duration.ofMinutes(45);
    private static final Duration AUDIT_TIMEOUT = Duration.ofMinutes(10);

    /**
     * A card as the shop sees it: the sandbox provider's token, the brand and the last four digits.
     *
     * @param token {@code tok_…}
     * @param brand e.g. {@code visa}
     * @param last4 the card number's last four digits
     */
    public record CardToken(String token, String brand, String last4) {
    }

    public Response get(String service, String path, String token) {
        return send(service, path, token, "GET", null, Map.of());
    }

    public Response post(String service, String path, String token, Object body) {
        return post(service, path, token, body, Map.of());
    }

    public Response post(String service, String path, String token, Object body, Map<String, String> headers) {
        return send(service, path, token, "POST", body, headers);
    }

    public Response put(String service, String path, String token, Object body) {
        return send(service, path, token, "PUT", body, Map.of());
    }

    private Response send(String service, String path, String token, String method, Object body, Map<String, String> headers) {
        return send(service, path, token, method, body, headers, Duration.ofSeconds(30));
    }

    private Response send(String service, String path, String token, String method, Object body, Map<String, String> headers,
                          Duration timeout) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service) + path))
                    .timeout(timeout)
                    .header("Accept", "application/json, application/problem+json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? null : readOrText(response.body());
            return new Response(response.statusCode(), json, response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + service + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    /** A token of the admin account the user service created at start. */
    public synchronized String adminToken() {
        if (adminToken == null || adminTokenAt.plus(TOKEN_RENEWAL).isBefore(Instant.now())) {
            adminTokenAt = Instant.now();
            adminToken = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> login(adminEmail, adminPassword), t -> t != null);
        }
        return adminToken;
    }

    private String login(String email, String password) {
        Response response = post("user", "/auth/login", null, Map.of("email", email, "password", password));
        return response.status() == 200 ? response.text("accessToken") : null;
    }

    /** Registers a new customer (unique e-mail) and signs them in. */
    public Customer newCustomer(String name) {
        String email = name.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@e2e.sagashop.local";
        String password = "secret-" + UUID.randomUUID();
        Response registered = post("user", "/users", null, Map.of("email", email, "name", name, "password", password));
        if (registered.status() != 201) {
            throw new IllegalStateException("registration failed: " + registered);
        }
        String token = await().atMost(Duration.ofSeconds(30)).until(() -> login(email, password), t -> t != null);
        return new Customer(registered.text("id"), email, password, token);
    }

    /** The customer with a new token. */
    public Customer signInAgain(Customer customer) {
        String token = await().atMost(Duration.ofSeconds(30)).until(() -> login(customer.email(), customer.password()),
                t -> t != null);
        return new Customer(customer.id(), customer.email(), customer.password(), token);
    }

    /** Adds a product (unique SKU) and waits until the catalog shows it; returns its id. */
    public String addProduct(String name, String category, String price, int stock) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("sku", "E2E-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        product.put("name", name);
        product.put("description", name + " for the end-to-end tests");
        product.put("category", category);
        product.put("price", price);
        product.put("currency", "EUR");
        product.put("initialStock", stock);
        Response added = post("catalog", "/products", adminToken(), product);
        if (added.status() != 201) {
            throw new IllegalStateException("adding a product failed: " + added);
        }
        String id = added.text("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> get("catalog", "/products/" + id, null).status() == 200);
        return id;
    }

    /**
     * Client-side tokenization, as a customer's browser does it: the card details go to the
     * (sandbox) payment provider, never to the shop, and the shop gets the token. A card number
     * is tokenized once per client and its token reused (a saved card), so that a retried order
     * carries the same body.
     */
    public CardToken tokenize(String cardNumber) {
        return cards.computeIfAbsent(cardNumber, number -> {
            Response response = post("sandbox", "/card/v1/tokens", null,
                    Map.of("number", number, "expMonth", "12", "expYear", "2099", "cvc", "123"));
            if (response.status() != 201) {
                throw new IllegalStateException("tokenizing a test card failed: " + response.status());
            }
            return new CardToken(response.text("id"), response.text("brand"), response.text("last4"));
        });
    }

    /** The body of POST /orders: lines as productId → quantity, paid with a sandbox test card (tokenized first). */
    public ObjectNode orderRequest(Map<String, Integer> lines, String cardNumber) {
        return orderRequest(lines, tokenize(cardNumber));
    }

    /** The body of POST /orders: lines as productId → quantity, paid with a tokenized card. */
    public ObjectNode orderRequest(Map<String, Integer> lines, CardToken card) {
        ObjectNode order = orderRequestPaidWith(lines, card.token());
        ((ObjectNode) order.get("paymentMethod")).put("brand", card.brand()).put("last4", card.last4());
        return order;
    }

    /** The body of POST /orders with whatever the caller puts in {@code paymentMethod.token} (to test refusals). */
    public ObjectNode orderRequestPaidWith(Map<String, Integer> lines, String paymentToken) {
        ObjectNode order = JSON.createObjectNode();
        ArrayNode orderLines = order.putArray("lines");
        lines.forEach((product, quantity) -> orderLines.addObject().put("productId", product).put("quantity", quantity));
        order.putObject("paymentMethod").put("type", "CARD").put("token", paymentToken);
        order.putObject("shippingAddress").put("recipient", "E2E Customer").put("street", "Test Street 1")
                .put("postalCode", "1000").put("city", "Brussels").put("country", "BE");
        return order;
    }

    /** Places an order paid with a sandbox test card number, tokenized at the sandbox first. */
    public Response placeOrder(Customer customer, Map<String, Integer> lines, String cardNumber) {
        return post("order-saga", "/orders", customer.token(), orderRequest(lines, cardNumber));
    }

    public Response placeOrder(Customer customer, Map<String, Integer> lines, String cardNumber, String idempotencyKey) {
        return post("order-saga", "/orders", customer.token(), orderRequest(lines, cardNumber),
                Map.of("Idempotency-Key", idempotencyKey));
    }

    public JsonNode order(String token, String orderId) {
        Response response = get("order-saga", "/orders/" + orderId, token);
        return response.status() == 200 ? response.body() : null;
    }

    /** Waits until the order is in a final state and returns it. */
    public JsonNode awaitFinal(String token, String orderId, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> order(token, orderId), o -> o != null && FINAL.contains(o.get("status").asText()));
    }

    /**
     * Waits until every saga of the order (found by its business key, the order id, through the
     * hub's inspection API) has ended, and at least one is known. An order's view can be final
     * while its saga has not yet handled the event that made it so: the projection and the saga
     * are separate processors.
     */
    public void awaitSagasEnded(String orderId, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode sagas = get("hub", "/v1/dashboard/sagas?key=" + orderId, adminToken()).body();
            if (sagas == null || sagas.path("sagas").isEmpty()) {
                return false;
            }
            for (JsonNode saga : sagas.path("sagas")) {
                if (Set.of("ACTIVE", "STUCK").contains(saga.path("state").asText())) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Waits until the order has the given status and returns it. */
    public JsonNode awaitStatus(String token, String orderId, String status, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> order(token, orderId), o -> o != null && status.equals(o.get("status").asText()));
    }

    /** Waits until the catalog shows the product with this many units available. */
    public void awaitAvailable(String productId, int units, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> product(productId).get("availableStock").asInt() == units);
    }

    /** The consistency audit, once every order has settled. */
    public JsonNode audit() {
        // The audit reads every order, payment and product: 66 s for 56 700 orders on two cores.
        Response response = send("order-saga", "/audit", adminToken(), "GET", null, Map.of(), AUDIT_TIMEOUT);
        if (response.status() != 200) {
            throw new IllegalStateException("audit failed: " + response);
        }
        return response.body();
    }

    /** Changes a sandbox gateway's faults (card or wallet); an empty map clears them. */
    public void faults(String gateway, Map<String, Object> faults) {
        Response response = put("sandbox", "/admin/faults/" + gateway, null, faults);
        if (response.status() >= 300) {
            throw new IllegalStateException("setting faults failed: " + response);
        }
    }

    /**
     * Both sandbox providers answer this late (after processing the charge). Both: with only the
     * card provider slow, the payment service's circuit breaker opens and it fails over to the
     * wallet provider, which takes cards too.
     */
    public void slowPaymentProviders(int latencyMillis) {
        faults("card", Map.of("latencyMillis", latencyMillis));
        faults("wallet", Map.of("latencyMillis", latencyMillis));
    }

    /** Both sandbox providers back to their start-up behaviour. */
    public void clearFaults() {
        Response response = send("sandbox", "/admin/faults", null, "DELETE", null, Map.of());
        if (response.status() >= 300) {
            throw new IllegalStateException("clearing faults failed: " + response);
        }
    }

    public JsonNode product(String productId) {
        return get("catalog", "/products/" + productId, null).body();
    }
}
