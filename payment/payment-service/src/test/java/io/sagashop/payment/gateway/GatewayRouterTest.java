package io.sagashop.payment.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentMethodType;
import io.sagashop.sandbox.SandboxGatewayApplication;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * The gateway adapters, their Resilience4j wrapping and the router, against a real sandbox on a
 * free port: retries keep the idempotency key, the circuit opens, failover follows the rule.
 */
class GatewayRouterTest {

    private static PaymentMethod CARD;
    private static final BigDecimal AMOUNT = new BigDecimal("25.00");

    private static ConfigurableApplicationContext sandbox;
    private static RestClient admin;

    private final Map<String, String> journalRows = new ConcurrentHashMap<>();
    private final ChargeJournal journal = new ChargeJournal() {
        @Override
        public Optional<String> gatewayFor(String key, Operation operation) {
            return Optional.ofNullable(journalRows.get(key + operation));
        }

        @Override
        public Optional<String> attemptingUnlessPinned(String key, Operation operation, String gateway) {
            return Optional.ofNullable(journalRows.putIfAbsent(key + operation, gateway));
        }

        @Override
        public void notReached(String key, Operation operation, String gateway) {
            journalRows.remove(key + operation, gateway);
        }
    };
    private CircuitBreakerRegistry circuitBreakers;
    private GatewayRouter router;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxGatewayApplication.start(Map.of("sandbox.slow-response", "1200ms"));
        int port = ((WebServerApplicationContext) sandbox).getWebServer().getPort();
        admin = RestClient.create("http://localhost:" + port);
        CARD = card("4242424242424242");
    }

    /** A test card tokenized at this test's sandbox, as the customer's browser would. */
    private static PaymentMethod card(String number) {
        JsonNode token = admin.post().uri("/card/v1/tokens").header("Content-Type", "application/json")
                .body(Map.of("number", number, "expMonth", "12", "expYear", "2099", "cvc", "123"))
                .retrieve().body(JsonNode.class);
        return PaymentMethod.card(token.get("id").asText(), token.get("brand").asText(), token.get("last4").asText());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void setUp() {
        admin.delete().uri("/ledger").retrieve().toBodilessEntity();
        admin.delete().uri("/admin/faults").retrieve().toBodilessEntity();
        circuitBreakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMinutes(1))
                .recordExceptions(GatewayException.class)
                .build());
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(50), 2))
                .retryExceptions(GatewayException.class)
                .build());
        GatewayProperties.Endpoint endpoint = new GatewayProperties.Endpoint(
                "http://localhost:" + ((WebServerApplicationContext) sandbox).getWebServer().getPort(),
                Duration.ofMillis(500), Duration.ofMillis(600));
        router = new GatewayRouter(List.of(
                GatewayConfig.resilient(new CardGateway(endpoint), circuitBreakers, retries),
                GatewayConfig.resilient(new WalletGateway(endpoint), circuitBreakers, retries)),
                Map.of(PaymentMethodType.CARD, List.of("card", "wallet"), PaymentMethodType.WALLET, List.of("wallet")),
                journal);
    }

    @Test
    void anApprovedCardIsChargedOnceByTheCardGateway() {
        PaymentGateway.ChargeResult result = router.charge("pay-1", AMOUNT, "EUR", CARD);

        assertThat(result.approved()).isTrue();
        assertThat(result.gateway()).isEqualTo("card");
        assertThat(result.reference()).startsWith("ch_");
        assertThat(charges("pay-1")).hasSize(1);
        assertThat(charges("pay-1").get(0).get("amount").decimalValue()).isEqualByComparingTo(AMOUNT);
    }

    @Test
    void aDeclineIsAnAnswerNotAFailureSoItIsNeitherRetriedNorFailedOver() {
        PaymentGateway.ChargeResult result = router.charge("pay-2", AMOUNT, "EUR", card("4000000000009995"));

        assertThat(result.approved()).isFalse();
        assertThat(result.declineCode()).isEqualTo("insufficient_funds");
        assertThat(charges("pay-2")).singleElement().satisfies(c -> assertThat(c.get("requests").asInt()).isEqualTo(1));
    }

    @Test
    void aTimeoutIsRetriedWithTheSameKeyAndChargesOnce() {
        faults("card", "{\"slowNext\":1}");

        PaymentGateway.ChargeResult result = router.charge("pay-3", AMOUNT, "EUR", CARD);

        assertThat(result.approved()).isTrue();
        assertThat(result.gateway()).isEqualTo("card");
        JsonNode charge = charges("pay-3").get(0);
        assertThat(charges("pay-3")).hasSize(1);
        assertThat(charge.get("requests").asInt()).as("first attempt timed out, the retry replayed it").isEqualTo(2);
    }

    @Test
    void aTimeoutNeverFailsOverBecauseThePrimaryMayHaveCharged() {
        faults("card", "{\"latencyMillis\":1000}");

        assertThatThrownBy(() -> router.charge("pay-4", AMOUNT, "EUR", CARD))
                .isInstanceOf(GatewayException.class)
                .isNotInstanceOf(GatewayNotReachedException.class);
        assertThat(charges("pay-4")).singleElement()
                .satisfies(c -> assertThat(c.get("provider").asText()).isEqualTo("CARD"));
        assertThat(journal.gatewayFor("pay-4", ChargeJournal.Operation.CHARGE)).contains("card");
    }

    @Test
    void anOutageIsRetriedThenRecovers() {
        faults("card", "{\"failNext\":2}");

        PaymentGateway.ChargeResult result = router.charge("pay-5", AMOUNT, "EUR", CARD);

        assertThat(result.gateway()).isEqualTo("card");
        assertThat(result.approved()).isTrue();
    }

    @Test
    void whenTheCardGatewayIsDownACardPaymentFailsOverToTheWalletGateway() {
        faults("card", "{\"down\":true}");

        PaymentGateway.ChargeResult result = router.charge("pay-6", AMOUNT, "EUR", CARD);

        assertThat(result.approved()).isTrue();
        assertThat(result.gateway()).isEqualTo("wallet");
        assertThat(charges("pay-6")).singleElement()
                .satisfies(c -> assertThat(c.get("provider").asText()).isEqualTo("WALLET"));
        assertThat(journal.gatewayFor("pay-6", ChargeJournal.Operation.CHARGE)).contains("wallet");
    }

    @Test
    void aWalletPaymentHasNoSecondaryAndFailsWhenTheWalletGatewayIsDown() {
        faults("wallet", "{\"down\":true}");

        assertThatThrownBy(() -> router.charge("pay-7", AMOUNT, "EUR", PaymentMethod.wallet("wallet_success")))
                .isInstanceOf(GatewayNotReachedException.class);
        assertThat(charges("pay-7")).isEmpty();
        assertThat(journal.gatewayFor("pay-7", ChargeJournal.Operation.CHARGE)).isEmpty();
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndLaterCallsGoStraightToTheSecondary() {
        faults("card", "{\"down\":true}");
        router.charge("pay-8a", AMOUNT, "EUR", CARD);
        router.charge("pay-8b", AMOUNT, "EUR", CARD);

        CircuitBreaker card = circuitBreakers.circuitBreaker("card");
        assertThat(card.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        long notPermittedBefore = card.getMetrics().getNumberOfNotPermittedCalls();

        faults("card", "{}");
        PaymentGateway.ChargeResult result = router.charge("pay-8c", AMOUNT, "EUR", CARD);

        assertThat(result.gateway()).as("the card gateway is up again, but its circuit is open").isEqualTo("wallet");
        assertThat(card.getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(notPermittedBefore + 1);
    }

    @Test
    void aPaymentThatMayHaveReachedAGatewayStaysWithItEvenWhenItIsDownLater() {
        journal.attemptingUnlessPinned("pay-9", ChargeJournal.Operation.CHARGE, "card");
        faults("card", "{\"down\":true}");

        assertThatThrownBy(() -> router.charge("pay-9", AMOUNT, "EUR", CARD))
                .isInstanceOf(GatewayNotReachedException.class);
        assertThat(charges("pay-9")).as("no failover to the wallet gateway").isEmpty();
    }

    @Test
    void aRefundGoesToTheGatewayThatChargedAndIsIdempotent() {
        PaymentGateway.ChargeResult charge = router.charge("pay-10", AMOUNT, "EUR", PaymentMethod.wallet("wallet_success"));

        PaymentGateway.RefundResult first = router.refund("pay-10", charge.gateway(), charge.reference());
        PaymentGateway.RefundResult again = router.refund("pay-10", charge.gateway(), charge.reference());

        assertThat(first.gateway()).isEqualTo("wallet");
        assertThat(again.reference()).isEqualTo(first.reference());
        assertThat(admin.get().uri("/ledger/refunds?idempotencyKey=pay-10").retrieve().body(JsonNode.class)).hasSize(1);
    }

    private void faults(String provider, String json) {
        admin.put().uri("/admin/faults/{p}", provider).header("Content-Type", "application/json").body(json)
                .retrieve().toBodilessEntity();
    }

    private List<JsonNode> charges(String key) {
        JsonNode all = admin.get().uri("/ledger/charges?idempotencyKey={k}", key).retrieve().body(JsonNode.class);
        List<JsonNode> list = new java.util.ArrayList<>();
        all.forEach(list::add);
        return list;
    }

}
