package io.sagashop.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.sagashop.payment.api.CancelPayment;
import io.sagashop.payment.api.FindPaymentsByOrderQuery;
import io.sagashop.payment.api.FindPaymentsPageQuery;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentListView;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentPageView;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentView;
import io.sagashop.payment.api.RequestPayment;
import io.sagashop.payment.gateway.ChargeJournal;
import io.sagashop.platform.test.ServiceTest;
import io.sagashop.platform.test.TestTokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;

/**
 * The whole payment service on MariaDB with a sandbox gateway on a free port: payments requested
 * through the command gateway end captured, declined, voided or refunded, as the projection and
 * the sandbox's ledger both show.
 */
// Through the hub started in this JVM, as the service runs for real.
@ServiceTest
class PaymentServiceTest {

    @DynamicPropertySource
    static void gateways(DynamicPropertyRegistry registry) {
        SandboxForTests.gatewaySettings().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    TestRestTemplate http;

    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ChargeJournal journal;
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;
    @Autowired
    RetryRegistry retries;

    @AfterEach
    void clearFaults() {
        SandboxForTests.faults("card", "{}");
        SandboxForTests.faults("wallet", "{}");
        // A test that takes a gateway down must not leave its circuit open for the next one.
        circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    @Test
    void anApprovedCardEndsCapturedAndIsChargedOnce() {
        PaymentId id = request("order-a", "4242424242424242");

        PaymentView view = awaitStatus(id, PaymentStatus.CAPTURED);

        assertThat(view.capturedAmount()).isEqualByComparingTo("49.90");
        assertThat(view.gateway()).isEqualTo("card");
        assertThat(view.gatewayReference()).startsWith("ch_");
        assertThat(SandboxForTests.charges(id.value())).hasSize(1);
    }

    @Test
    void aDeclineCardEndsDeclinedWithItsReasonAndNoMoneyTaken() {
        PaymentId id = request("order-b", "4000000000009995");

        PaymentView view = awaitStatus(id, PaymentStatus.DECLINED);

        assertThat(view.declineReason()).isEqualTo("insufficient_funds");
        assertThat(view.netAmount()).isEqualByComparingTo("0");
    }

    @Test
    void cancellingACapturedPaymentRefundsItThroughItsGateway() {
        PaymentId id = request("order-c", "4242424242424242");
        awaitStatus(id, PaymentStatus.CAPTURED);

        PaymentStatus answer = commands.sendAndWait(new CancelPayment(id, "order cancelled"));

        assertThat(answer).isEqualTo(PaymentStatus.REFUND_PENDING);
        PaymentView view = awaitStatus(id, PaymentStatus.REFUNDED);
        assertThat(view.netAmount()).isEqualByComparingTo("0");
        assertThat(SandboxForTests.refunds(id.value())).hasSize(1);
    }

    @Test
    void cancellingBeforeTheGatewayAnswersVoidsAndALateCaptureIsRefunded() {
        SandboxForTests.faults("wallet", "{\"down\":true}");
        PaymentId id = PaymentId.random();
        commands.sendAndWait(new RequestPayment(id, "order-d", "customer-1", new BigDecimal("10.00"), "EUR",
                PaymentMethod.wallet("wallet_success")));

        PaymentStatus answer = commands.sendAndWait(new CancelPayment(id, "order expired"));

        assertThat(answer).isEqualTo(PaymentStatus.VOIDED);
        awaitStatus(id, PaymentStatus.VOIDED);
        SandboxForTests.faults("wallet", "{}");
        PaymentView view = awaitStatus(id, PaymentStatus.REFUNDED);
        assertThat(view.netAmount()).as("the wallet charged after the void, and gave it back").isEqualByComparingTo("0");
        assertThat(SandboxForTests.charges(id.value())).hasSize(1);
        assertThat(SandboxForTests.refunds(id.value())).hasSize(1);
    }

    @Test
    void aCancellationThatOvertakesItsRequestVoidsTheIdAndTheRequestChargesNothing() {
        PaymentId id = PaymentId.random();

        PaymentStatus answer = commands.sendAndWait(new CancelPayment(id, "order expired", "order-g"));

        assertThat(answer).isEqualTo(PaymentStatus.VOIDED);
        assertThatThrownBy(() -> commands.sendAndWait(new RequestPayment(id, "order-g", "customer-1",
                new BigDecimal("10.00"), "EUR", SandboxForTests.card("4242424242424242"))))
                .isInstanceOf(CommandExecutionException.class)
                .hasMessageContaining("cancelled before it was requested");
        // Only the void was stored, so the charging processor has no PaymentRequested to act on.
        assertThat(eventStore.readEvents(id.value()).asStream().map(event -> event.getPayloadType().getSimpleName()))
                .containsExactly("PaymentVoided");
        assertThat(SandboxForTests.charges(id.value())).isEmpty();
    }

    @Test
    void whenTheCardGatewayIsDownACardPaymentIsCapturedByTheWalletGateway() {
        SandboxForTests.faults("card", "{\"down\":true}");

        PaymentId id = request("order-h", "4242424242424242");

        PaymentView view = awaitStatus(id, PaymentStatus.CAPTURED);
        assertThat(view.gateway()).isEqualTo("wallet");
        assertThat(view.gatewayReference()).startsWith("wp_");
        assertThat(SandboxForTests.charges(id.value())).singleElement()
                .satisfies(charge -> assertThat(charge.get("provider").asText()).isEqualTo("WALLET"));
    }

    @Test
    void eachGatewayHasItsOwnConfiguredRetryAndCircuitBreaker() {
        assertThat(circuitBreakers.getAllCircuitBreakers()).extracting(CircuitBreaker::getName)
                .contains("card", "wallet");
        assertThat(circuitBreakers.circuitBreaker("card").getCircuitBreakerConfig().getFailureRateThreshold())
                .isEqualTo(50f);
        assertThat(retries.retry("wallet").getRetryConfig().getMaxAttempts()).isEqualTo(3);
        assertThat(retries.retry("card").getRetryConfig().getExceptionPredicate()
                .test(new io.sagashop.payment.gateway.GatewayException("timeout", null))).isTrue();
    }

    @Test
    void theServiceRunsItsTransactionsOnTheDataSourceWithoutJpa() {
        // The pom leaves spring-boot-starter-data-jpa out of the platform; a dependency that brought
        // it back would put a Hibernate session around every unit of work again.
        assertThat(transactions).isExactlyInstanceOf(JdbcTransactionManager.class);
        assertThat(ClassUtils.isPresent("jakarta.persistence.EntityManager", null)).isFalse();
        assertThat(ClassUtils.isPresent("org.hibernate.Session", null)).isFalse();
    }

    @Test
    void requestingTheSamePaymentTwiceChargesOnce() {
        PaymentId id = request("order-e", "4242424242424242");
        awaitStatus(id, PaymentStatus.CAPTURED);

        PaymentStatus again = commands.sendAndWait(new RequestPayment(id, "order-e", "customer-1",
                new BigDecimal("49.90"), "EUR", SandboxForTests.card("4242424242424242")));

        assertThat(again).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(SandboxForTests.charges(id.value())).hasSize(1);
    }

    @Test
    void everyPaymentOfAnOrderIsFoundWithItsAmounts() {
        PaymentId declined = request("order-f", "4000000000000002");
        PaymentId captured = request("order-f", "4242424242424242");
        awaitStatus(declined, PaymentStatus.DECLINED);
        awaitStatus(captured, PaymentStatus.CAPTURED);

        PaymentListView ofOrder = queries.query(new FindPaymentsByOrderQuery("order-f"), PaymentListView.class).join();

        assertThat(ofOrder.payments()).extracting(PaymentView::paymentId).containsExactlyInAnyOrder(declined, captured);
        assertThat(ofOrder.payments().stream().map(PaymentView::netAmount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("49.90");
        assertThat(queries.query(new io.sagashop.payment.api.FindPaymentQuery(PaymentId.of("no-such-payment")),
                ResponseTypes.optionalInstanceOf(PaymentView.class)).join()).isEmpty();
    }

    @Test
    void theAuditsPagesHoldEveryPaymentExactlyOnceWithOrWithoutAStatus() {
        List<PaymentId> declined = IntStream.range(0, 3).mapToObj(i -> request("order-p" + i, "4000000000000002")).toList();
        List<PaymentId> captured = IntStream.range(0, 4).mapToObj(i -> request("order-q" + i, "4242424242424242")).toList();
        declined.forEach(id -> awaitStatus(id, PaymentStatus.DECLINED));
        captured.forEach(id -> awaitStatus(id, PaymentStatus.CAPTURED));

        List<PaymentPageView> pages = allPages(new FindPaymentsPageQuery(null, null, 3));

        List<PaymentId> all = ids(pages);
        assertThat(all).doesNotHaveDuplicates().containsAll(declined).containsAll(captured);
        assertThat(pages).hasSizeGreaterThanOrEqualTo(3); // 7 payments and more, 3 a page
        assertThat(pages.subList(0, pages.size() - 1)).allSatisfy(page -> {
            assertThat(page.payments()).hasSize(3);
            assertThat(page.nextAfter()).isEqualTo(page.payments().get(2).paymentId());
        });
        assertThat(pages.get(pages.size() - 1).payments()).isNotEmpty();

        // The boundary: a page holding exactly the last payment is the last one, one short is not.
        PaymentPageView exactly = page(new FindPaymentsPageQuery(null, null, all.size()));
        assertThat(exactly.payments()).extracting(PaymentView::paymentId).containsExactlyElementsOf(all);
        assertThat(exactly.last()).as("a full last page says so").isTrue();
        PaymentPageView oneShort = page(new FindPaymentsPageQuery(null, null, all.size() - 1));
        assertThat(oneShort.nextAfter()).isEqualTo(all.get(all.size() - 2));
        PaymentPageView rest = page(new FindPaymentsPageQuery(null, null, all.size() - 1).after(oneShort.nextAfter()));
        assertThat(rest.payments()).extracting(PaymentView::paymentId).containsExactly(all.get(all.size() - 1));
        assertThat(rest.last()).isTrue();

        List<PaymentPageView> capturedPages = allPages(new FindPaymentsPageQuery(PaymentStatus.CAPTURED, null, 2));
        assertThat(ids(capturedPages)).doesNotHaveDuplicates().containsAll(captured).doesNotContainAnyElementsOf(declined);
        assertThat(capturedPages).hasSizeGreaterThanOrEqualTo(2)
                .flatExtracting(PaymentPageView::payments).extracting(PaymentView::status).containsOnly(PaymentStatus.CAPTURED);
    }

    @Test
    void theHttpApiRequestsAndShowsAPaymentToAnAdminAndToItsCustomerOnly() {
        String customer = UUID.randomUUID().toString();
        String body = """
                {"orderId":"order-g","customerId":"%s","amount":12.30,"currency":"EUR",
                 "method":{"type":"WALLET","token":"wallet_success"}}""".formatted(customer);

        ResponseEntity<String> created = http.exchange("/payments", HttpMethod.POST,
                new HttpEntity<>(body, headers(TestTokens.admin())), String.class);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = created.getBody().replaceAll(".*\"paymentId\":\"([^\"]+)\".*", "$1");
        awaitStatus(PaymentId.of(id), PaymentStatus.CAPTURED);
        ResponseEntity<String> own = http.exchange("/payments/" + id, HttpMethod.GET,
                new HttpEntity<>(headers(TestTokens.customer(customer))), String.class);
        ResponseEntity<String> others = http.exchange("/payments/" + id, HttpMethod.GET,
                new HttpEntity<>(headers(TestTokens.customer())), String.class);
        ResponseEntity<String> byOrder = http.exchange("/payments?orderId=order-g", HttpMethod.GET,
                new HttpEntity<>(headers(TestTokens.admin())), String.class);

        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(own.getBody()).contains("\"status\":\"CAPTURED\"", "\"gateway\":\"wallet\"");
        assertThat(others.getStatusCode()).as("someone else's payment is not found, like an unknown one")
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(byOrder.getBody()).contains(id);
    }

    /**
     * The charge journal on MariaDB: the first attempt is recorded, one that finds an earlier
     * attempt records nothing and is told where that went (its own gateway included), and an attempt
     * that certainly did not reach its gateway is forgotten so the next gateway can be recorded.
     */
    @Test
    void theChargeJournalPinsAPaymentToTheFirstGatewayThatMayHaveBeenReached() {
        String key = "journal-" + UUID.randomUUID();
        ChargeJournal.Operation charge = ChargeJournal.Operation.CHARGE;

        assertThat(journal.attemptingUnlessPinned(key, charge, "card")).as("recorded").isEmpty();
        assertThat(journal.attemptingUnlessPinned(key, charge, "card")).as("an earlier attempt, same gateway").contains("card");
        assertThat(journal.attemptingUnlessPinned(key, charge, "wallet")).as("an earlier attempt elsewhere").contains("card");
        assertThat(journal.gatewayFor(key, charge)).contains("card");

        journal.notReached(key, charge, "card");
        assertThat(journal.gatewayFor(key, charge)).isEmpty();
        assertThat(journal.attemptingUnlessPinned(key, charge, "wallet")).isEmpty();
        assertThat(jdbc.queryForList("select gateway from gateway_attempt where idempotency_key = ?", String.class, key))
                .as("committed, outside any caller's transaction").containsExactly("wallet");
    }

    private PaymentId request(String orderId, String card) {
        PaymentId id = PaymentId.random();
        PaymentStatus status = commands.sendAndWait(new RequestPayment(id, orderId, "customer-1",
                new BigDecimal("49.90"), "EUR", SandboxForTests.card(card)));
        assertThat(status).isEqualTo(PaymentStatus.REQUESTED);
        return id;
    }

    private PaymentView awaitStatus(PaymentId id, PaymentStatus status) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> queries.query(
                        new io.sagashop.payment.api.FindPaymentQuery(id),
                        ResponseTypes.optionalInstanceOf(PaymentView.class)).join().orElse(null),
                view -> view != null && view.status() == status);
    }

    private List<PaymentPageView> allPages(FindPaymentsPageQuery first) {
        List<PaymentPageView> pages = new ArrayList<>();
        for (FindPaymentsPageQuery query = first; query != null; ) {
            assertThat(pages).as("pages without end").hasSizeLessThan(100);
            PaymentPageView page = page(query);
            pages.add(page);
            query = page.last() ? null : query.after(page.nextAfter());
        }
        return pages;
    }

    private PaymentPageView page(FindPaymentsPageQuery query) {
        return queries.query(query, PaymentPageView.class).join();
    }

    private static List<PaymentId> ids(List<PaymentPageView> pages) {
        return pages.stream().flatMap(page -> page.payments().stream()).map(PaymentView::paymentId).toList();
    }

    private static HttpHeaders headers(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.set("Content-Type", "application/json");
        return headers;
    }
}
