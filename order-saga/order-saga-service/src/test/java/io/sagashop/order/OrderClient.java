package io.sagashop.order;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.platform.test.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The order service's HTTP API as the service tests call it. */
public final class OrderClient {

    private final TestRestTemplate http;

    public OrderClient(TestRestTemplate http) {
        this.http = http;
    }

    /** A valid order body: one or two lines, a card, an address. */
    public static Map<String, Object> body(ProductId first, int firstQuantity, ProductId second, int secondQuantity) {
        return body(first, firstQuantity, second, secondQuantity, "tok_simulated_visa");
    }

    /** The same, paid with the given card token (the simulated payment service's switches go by token). */
    public static Map<String, Object> body(ProductId first, int firstQuantity, ProductId second, int secondQuantity,
            String cardToken) {
        List<Map<String, Object>> lines = new ArrayList<>();
        lines.add(Map.of("productId", first.value(), "quantity", firstQuantity));
        if (second != null) {
            lines.add(Map.of("productId", second.value(), "quantity", secondQuantity));
        }
        return Map.of("lines", lines,
                "paymentMethod", Map.of("type", "CARD", "token", cardToken),
                "shippingAddress", Map.of("recipient", "Ada", "street", "Main St 1", "postalCode", "1000",
                        "city", "Brussels", "country", "BE"));
    }

    public ResponseEntity<JsonNode> place(String customer, String key, Map<String, Object> body) {
        HttpHeaders headers = auth(TestTokens.customer(customer));
        if (key != null) {
            headers.set("Idempotency-Key", key);
        }
        return http.exchange("/orders", HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    /** Places an order and answers its id. */
    public String placeId(String customer, Map<String, Object> body) {
        return place(customer, null, body).getBody().get("orderId").asText();
    }

    public ResponseEntity<JsonNode> cancel(String orderId, String token) {
        return http.exchange("/orders/" + orderId + "/cancel", HttpMethod.POST, new HttpEntity<>(auth(token)), JsonNode.class);
    }

    public ResponseEntity<JsonNode> get(String path, String token) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(auth(token)), JsonNode.class);
    }

    public <T> ResponseEntity<T> get(String path, String token, Class<T> type) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(auth(token)), type);
    }

    /** Waits until the order's view shows the status, and answers it. */
    public JsonNode awaitView(String customer, String orderId, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            ResponseEntity<JsonNode> answer = get("/orders/" + orderId, TestTokens.customer(customer));
            return answer.getStatusCode() == HttpStatus.OK ? answer.getBody() : null;
        }, view -> view != null && status.equals(view.get("status").asText()));
    }

    /** Waits until the order's view is in a final status (CONFIRMED, REJECTED, CANCELLED), and answers it. */
    public JsonNode awaitFinal(String customer, String orderId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            ResponseEntity<JsonNode> answer = get("/orders/" + orderId, TestTokens.customer(customer));
            return answer.getStatusCode() == HttpStatus.OK ? answer.getBody() : null;
        }, view -> view != null && List.of("CONFIRMED", "REJECTED", "CANCELLED").contains(view.get("status").asText()));
    }

    public List<String> steps(String customer, String orderId) {
        JsonNode view = get("/orders/" + orderId, TestTokens.customer(customer)).getBody();
        List<String> steps = new ArrayList<>();
        view.get("timeline").forEach(step -> steps.add(step.get("step").asText()));
        return steps;
    }

    public static HttpHeaders auth(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Authorization", TestTokens.bearer(token));
        return headers;
    }
}
