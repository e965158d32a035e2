package io.sagashop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(OutputCaptureExtension.class)
class SandboxGatewayTest {

    private static ConfigurableApplicationContext sandbox;
    private static String base;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();
    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        sandbox = SandboxGatewayApplication.start(Map.of("sandbox.slow-response", "400ms"));
        base = "http://localhost:" + ((WebServerApplicationContext) sandbox).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clean() throws Exception {
        send("DELETE", "/ledger", null, null);
        send("DELETE", "/admin/faults", null, null);
    }

    @Test
    void theSameIdempotencyKeyTwiceAnswersTheSameChargeAndChargesOnce() throws Exception {
        Reply first = cardCharge("key-1", 1999, "4242424242424242");
        Reply second = cardCharge("key-1", 1999, "4242424242424242");

        assertThat(first.status).isEqualTo(200);
        assertThat(first.body.get("status").asText()).isEqualTo("succeeded");
        assertThat(second.body.get("id").asText()).isEqualTo(first.body.get("id").asText());
        assertThat(second.body.get("replayed").asBoolean()).isTrue();
        JsonNode charges = ledger("/ledger/charges?idempotencyKey=key-1");
        assertThat(charges).hasSize(1);
        assertThat(charges.get(0).get("requests").asInt()).isEqualTo(2);
        assertThat(charges.get(0).get("label").asText()).isEqualTo("visa …4242");
        assertThat(charges.get(0).get("instrument").asText()).startsWith("tok_");
        assertThat(charges.get(0).get("amount").decimalValue()).isEqualByComparingTo("19.99");
    }

    @ParameterizedTest
    @CsvSource({"4000000000000002,card_declined", "4000000000009995,insufficient_funds", "4000000000000069,expired_card"})
    void testCardsAreDeclinedWithTheirCode(String card, String code) throws Exception {
        Reply reply = cardCharge("key-" + card, 500, card);

        assertThat(reply.status).isEqualTo(402);
        assertThat(reply.body.get("status").asText()).isEqualTo("failed");
        assertThat(reply.body.get("declineCode").asText()).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource({"wallet_success,APPROVED,", "wallet_declined,REFUSED,wallet_declined",
            "wallet_insufficient_funds,REFUSED,insufficient_funds", "4242424242424242,APPROVED,"})
    void walletIdsAndGuestCardsGiveTheirDocumentedResult(String account, String result, String reason) throws Exception {
        Reply reply = walletPay("w-" + account, "12.50", account);

        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.body.get("result").asText()).isEqualTo(result);
        assertThat(reply.body.path("refusalReason").asText(null)).isEqualTo(reason);
    }

    @Test
    void reusingAKeyForADifferentChargeIsAConflict() throws Exception {
        cardCharge("key-2", 1000, "4242424242424242");

        assertThat(cardCharge("key-2", 2000, "4242424242424242").status).isEqualTo(409);
        assertThat(ledger("/ledger/charges?idempotencyKey=key-2")).hasSize(1);
    }

    @Test
    void anOutageAnswers503AndChargesNothing() throws Exception {
        setFaults("card", "{\"down\":true}");

        assertThat(cardCharge("key-3", 1000, "4242424242424242").status).isEqualTo(503);
        assertThat(ledger("/ledger/charges")).isEmpty();
        assertThat(walletPay("key-3", "10.00", "wallet_success").status)
                .as("faults are per provider").isEqualTo(200);
    }

    @Test
    void failNextFailsExactlyThatManyRequests() throws Exception {
        setFaults("card", "{\"failNext\":2}");

        assertThat(cardCharge("key-4", 1000, "4242424242424242").status).isEqualTo(503);
        assertThat(cardCharge("key-4", 1000, "4242424242424242").status).isEqualTo(503);
        assertThat(cardCharge("key-4", 1000, "4242424242424242").status).isEqualTo(200);
        assertThat(ledger("/ledger/charges?idempotencyKey=key-4")).hasSize(1);
    }

    @Test
    void aFullFailureRateFailsEveryRequest() throws Exception {
        setFaults("wallet", "{\"failureRate\":1.0}");

        for (int i = 0; i < 5; i++) {
            assertThat(walletPay("key-5", "10.00", "wallet_success").status).isEqualTo(503);
        }
        assertThat(ledger("/ledger/charges")).isEmpty();
    }

    @Test
    void latencyComesAfterProcessingSoATimedOutClientWasStillCharged() throws Exception {
        setFaults("card", "{\"latencyMillis\":1500}");

        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/card/v1/charges"))
                .timeout(Duration.ofMillis(200))
                .header("Content-Type", "application/json").header("Idempotency-Key", "key-6")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":100,\"currency\":\"EUR\",\"card\":\"" + instrument("4242424242424242") + "\"}"))
                .build();

        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(ledger("/ledger/charges?idempotencyKey=key-6")).hasSize(1);
    }

    @Test
    void slowNextDelaysOnlyThatManyAnswers() throws Exception {
        setFaults("card", "{\"slowNext\":1}");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/card/v1/charges"))
                .timeout(Duration.ofMillis(200))
                .header("Content-Type", "application/json").header("Idempotency-Key", "key-12")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":100,\"currency\":\"EUR\",\"card\":\"" + instrument("4242424242424242") + "\"}"))
                .build();

        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        HttpResponse<String> retried = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(json.readTree(retried.body()).get("replayed").asBoolean()).isTrue();
        assertThat(ledger("/ledger/charges?idempotencyKey=key-12")).hasSize(1);
    }

    @Test
    void concurrentRequestsWithOneKeyOnASlowCardChargeOnce() throws Exception {
        List<CompletableFuture<Reply>> replies = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return cardCharge("key-7", 700, "4000000000000341");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .toList();

        assertThat(replies).allSatisfy(r -> assertThat(r.get().status).isEqualTo(200));
        assertThat(replies.stream().map(r -> r.join().body.get("id").asText()).distinct()).hasSize(1);
        assertThat(ledger("/ledger/charges?idempotencyKey=key-7").get(0).get("requests").asInt()).isEqualTo(4);
    }

    @Test
    void aRefundIsRecordedOncePerKeyAndOncePerCharge() throws Exception {
        String charge = cardCharge("key-8", 4200, "4242424242424242").body.get("id").asText();

        Reply first = send("POST", "/card/v1/refunds", "refund-8", "{\"charge\":\"" + charge + "\"}");
        Reply again = send("POST", "/card/v1/refunds", "refund-8", "{\"charge\":\"" + charge + "\"}");
        Reply otherKey = send("POST", "/card/v1/refunds", "refund-8b", "{\"charge\":\"" + charge + "\"}");

        assertThat(first.status).isEqualTo(200);
        assertThat(first.body.get("amount").asLong()).isEqualTo(4200);
        assertThat(again.body.get("id").asText()).isEqualTo(first.body.get("id").asText());
        assertThat(otherKey.status).isEqualTo(409);
        assertThat(ledger("/ledger/refunds")).hasSize(1);
    }

    @Test
    void aDeclinedChargeCannotBeRefunded() throws Exception {
        String charge = cardCharge("key-9", 4200, "4000000000000002").body.get("id").asText();

        assertThat(send("POST", "/card/v1/refunds", "refund-9", "{\"charge\":\"" + charge + "\"}").status).isEqualTo(422);
    }

    @Test
    void aWalletPaymentIsRefundedThroughItsOwnPath() throws Exception {
        String payment = walletPay("key-10", "15.00", "wallet_success").body.get("paymentId").asText();

        Reply refund = send("POST", "/wallet/v1/payments/" + payment + "/refunds", "refund-10", null);

        assertThat(refund.body.get("result").asText()).isEqualTo("REFUNDED");
        assertThat(refund.body.get("value").decimalValue()).isEqualByComparingTo("15.00");
    }

    @Test
    void aChargeWithoutIdempotencyKeyOrWithAMissingFieldIsRefused() throws Exception {
        String token = instrument("4242424242424242");
        assertThat(send("POST", "/card/v1/charges", null,
                "{\"amount\":100,\"currency\":\"EUR\",\"card\":\"" + token + "\"}").status).isEqualTo(400);
        assertThat(send("POST", "/card/v1/charges", "key-11", "{\"amount\":100,\"currency\":\"EUR\"}").status)
                .isEqualTo(400);
        assertThat(send("POST", "/card/v1/charges", "key-11",
                "{\"amount\":-1,\"currency\":\"EUR\",\"card\":\"" + token + "\"}").status).isEqualTo(400);
        assertThat(ledger("/ledger/charges")).isEmpty();
    }

    @Test
    void tokenizationAnswersATokenTheBrandAndTheLastFourButNeverTheNumber(CapturedOutput output) throws Exception {
        Reply reply = tokenize("5555 5555 5555 4444", "3", "2099", "737");

        assertThat(reply.status).isEqualTo(201);
        assertThat(reply.body.get("id").asText()).matches("tok_[0-9a-f]{24}");
        assertThat(reply.body.get("brand").asText()).isEqualTo("mastercard");
        assertThat(reply.body.get("last4").asText()).isEqualTo("4444");
        assertThat(reply.body.get("expMonth").asInt()).isEqualTo(3);
        // The token id is random hex, so it may contain "737" by chance: check the fields instead of the text.
        assertThat(reply.body.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "brand", "last4", "expMonth", "expYear");
        assertThat(reply.body.get("expYear").asText()).isEqualTo("2099");
        assertThat(reply.body.toString()).doesNotContain("5555555555554444");
        assertThat(tokenize("5555555555554444", "3", "2099", "737").body.get("id").asText())
                .as("every tokenization is a new token").isNotEqualTo(reply.body.get("id").asText());
        assertThat(output.getAll()).doesNotContain("5555555555554444").doesNotContain("5555 5555 5555 4444");
    }

    @ParameterizedTest
    @CsvSource({"4242424242424241,12,2099,123,number", "4242,12,2099,123,number", "tok_abc,12,2099,123,number",
            "4242424242424242,13,2099,123,expMonth", "4242424242424242,12,1999,123,expYear",
            "4242424242424242,1,2001,123,expYear", "4242424242424242,12,2099,12,cvc", "4242424242424242,12,2099,abcd,cvc"})
    void invalidCardDetailsAreRefusedNamingTheFieldWithoutRepeatingTheNumber(String number, String month, String year,
                                                                          String cvc, String field, CapturedOutput output)
            throws Exception {
        Reply reply = tokenize(number, month, year, cvc);

        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.body.get("field").asText()).isEqualTo(field);
        assertThat(reply.body.toString()).doesNotContain(number);
        assertThat(output.getAll()).doesNotContain(number);
    }

    @Test
    void aWrongTypeInTheCardDetailsQuotesNothing(CapturedOutput output) throws Exception {
        Reply reply = send("POST", "/card/v1/tokens", null,
                "{\"number\":{\"n\":\"4000000000009995\"},\"expMonth\":[\"4000000000009995\"]}");

        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.body.toString()).doesNotContain("4000000000009995");
        assertThat(output.getAll()).doesNotContain("4000000000009995");
    }

    @ParameterizedTest
    @CsvSource({"/card/v1/charges,card,4242424242424242", "/card/v1/charges,card,4242 4242 4242 4242",
            "/wallet/v1/payments,account,4000-0000-0000-0002"})
    void aCardNumberIsNeverChargedOnlyATokenIs(String path, String field, String number, CapturedOutput output)
            throws Exception {
        String body = path.startsWith("/card")
                ? "{\"amount\":100,\"currency\":\"EUR\",\"card\":\"" + number + "\"}"
                : "{\"value\":1.00,\"currency\":\"EUR\",\"account\":\"" + number + "\"}";

        Reply reply = send("POST", path, "key-raw", body);

        assertThat(reply.status).isEqualTo(400);
        assertThat(reply.body.get("field").asText()).isEqualTo(field);
        assertThat(reply.body.toString()).doesNotContain(number);
        assertThat(ledger("/ledger/charges")).isEmpty();
        assertThat(output.getAll()).doesNotContain(number);
    }

    @Test
    void aTokenTheSandboxNeverIssuedIsDeclined() throws Exception {
        Reply reply = send("POST", "/card/v1/charges", "key-13", "{\"amount\":100,\"currency\":\"EUR\",\"card\":\"tok_0\"}");

        assertThat(reply.status).isEqualTo(402);
        assertThat(reply.body.get("declineCode").asText()).isEqualTo("token_unknown");
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        int port = ((WebServerApplicationContext) sandbox).getWebServer().getPort();
        java.net.InetAddress outside = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .filter(nic -> !isLoopback(nic))
                .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof java.net.Inet4Address)
                .findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(outside != null, "this machine has no address besides loopback");

        assertThat(send("GET", "/admin/faults", null, null).status).isEqualTo(200);
        assertThatThrownBy(() -> {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(outside, port), 1000);
            }
        }).isInstanceOf(java.net.ConnectException.class);
    }

    private static boolean isLoopback(java.net.NetworkInterface nic) {
        try {
            return nic.isLoopback();
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private Reply cardCharge(String key, long amount, String card) throws Exception {
        return send("POST", "/card/v1/charges", key,
                "{\"amount\":" + amount + ",\"currency\":\"EUR\",\"card\":\"" + instrument(card) + "\"}");
    }

    private Reply walletPay(String key, String value, String account) throws Exception {
        return send("POST", "/wallet/v1/payments", key,
                "{\"value\":" + value + ",\"currency\":\"EUR\",\"account\":\"" + instrument(account) + "\"}");
    }

    /** A test card number tokenized (once per number, like a saved card), or the wallet id as it is. */
    private static synchronized String instrument(String cardOrWallet) throws Exception {
        if (!cardOrWallet.matches("\\d{13,19}")) {
            return cardOrWallet;
        }
        String token = TOKENS.get(cardOrWallet);
        if (token == null) {
            Reply reply = tokenize(cardOrWallet, "12", "2099", "123");
            assertThat(reply.status).isEqualTo(201);
            token = reply.body.get("id").asText();
            TOKENS.put(cardOrWallet, token);
        }
        return token;
    }

    private static Reply tokenize(String number, String month, String year, String cvc) throws Exception {
        return send("POST", "/card/v1/tokens", null, "{\"number\":\"" + number + "\",\"expMonth\":\"" + month
                + "\",\"expYear\":\"" + year + "\",\"cvc\":\"" + cvc + "\"}");
    }

    private void setFaults(String provider, String body) throws Exception {
        assertThat(send("PUT", "/admin/faults/" + provider, null, body).status).isEqualTo(200);
    }

    private JsonNode ledger(String path) throws Exception {
        return send("GET", path, null, null).body;
    }

    private static Reply send(String method, String path, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            builder.header("Idempotency-Key", key);
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
        return new Reply(response.statusCode(), node);
    }

    private record Reply(int status, JsonNode body) {
    }
}
