package io.sagashop.payment;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.sandbox.SandboxGatewayApplication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/** The sandbox gateway of this test JVM, started once on a free port, with helpers to read its ledger and set faults. */
public final class SandboxForTests {

    private static ConfigurableApplicationContext context;
    private static RestClient client;
    private static String url;
    private static final Map<String, PaymentMethod> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private SandboxForTests() {
    }

    public static synchronized String url() {
        if (context == null) {
            context = SandboxGatewayApplication.start(Map.of("sandbox.slow-response", "1500ms"));
            url = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
            client = RestClient.create(url);
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, "sandbox-shutdown"));
        }
        return url;
    }

    /** Settings that point the payment service at this sandbox, with short timeouts for tests. */
    public static Map<String, Object> gatewaySettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("sagashop.payment.gateways.card.base-url", url());
        settings.put("sagashop.payment.gateways.wallet.base-url", url());
        settings.put("sagashop.payment.gateways.card.read-timeout", "1s");
        settings.put("sagashop.payment.gateways.wallet.read-timeout", "1s");
        settings.put("resilience4j.retry.configs.default.wait-duration", "50ms");
        return settings;
    }

    /**
     * A sandbox test card as the shop gets it: tokenized at the sandbox (once per number, like a
     * saved card), so the payment carries the token, the brand and the last four digits.
     */
    public static PaymentMethod card(String number) {
        url();
        return TOKENS.computeIfAbsent(number, n -> {
            JsonNode token = client.post().uri("/card/v1/tokens").header("Content-Type", "application/json")
                    .body(Map.of("number", n, "expMonth", "12", "expYear", "2099", "cvc", "123"))
                    .retrieve().body(JsonNode.class);
            return PaymentMethod.card(token.get("id").asText(), token.get("brand").asText(), token.get("last4").asText());
        });
    }

    /** Every charge the sandbox recorded under this idempotency key, on any provider. */
    public static List<JsonNode> charges(String idempotencyKey) {
        return list("/ledger/charges?idempotencyKey=" + idempotencyKey);
    }

    /** Every refund the sandbox recorded under this idempotency key. */
    public static List<JsonNode> refunds(String idempotencyKey) {
        return list("/ledger/refunds?idempotencyKey=" + idempotencyKey);
    }

    /** Sets one provider's faults, e.g. {@code {"down":true}}; {@code {}} clears them. */
    public static void faults(String provider, String json) {
        url();
        client.put().uri("/admin/faults/{p}", provider).header("Content-Type", "application/json").body(json)
                .retrieve().toBodilessEntity();
    }

    private static List<JsonNode> list(String path) {
        url();
        JsonNode all = client.get().uri(path).retrieve().body(JsonNode.class);
        List<JsonNode> result = new ArrayList<>();
        all.forEach(result::add);
        return result;
    }
}
