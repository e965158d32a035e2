package io.sagashop.order.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.order.MovableClock;
import io.sagashop.order.OrderClient;
import io.sagashop.order.SimulatedCatalog;
import io.sagashop.order.SimulatedParticipants;
import io.sagashop.order.SimulatedPayments;
import io.sagashop.inspection.api.ConsistencyReportQuery;
import io.sagashop.inspection.api.ConsistencyReportView;
import io.sagashop.order.api.AuditReportView;
import io.sagashop.order.api.AuditViolationView;
import io.sagashop.platform.test.ServiceTest;
import io.sagashop.platform.test.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The audit on a fresh schema, asking the simulated catalog and payment service and the real
 * saga side through the hub ({@link SimulatedParticipants}): orders the saga really confirmed
 * and rejected are clean; then the participants' state is corrupted on purpose, one invariant at
 * a time, and each is reported with the ids involved.
 */
@ServiceTest
@Import(SimulatedParticipants.class)
class AuditServiceTest {

    @Autowired TestRestTemplate http;
    @Autowired QueryGateway queries;
    @Autowired SimulatedCatalog catalog;
    @Autowired SimulatedPayments payments;
    @Autowired MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aConsistentSystemIsCleanAndEveryBrokenInvariantIsReportedWithItsIds() {
        OrderClient orders = new OrderClient(http);
        ProductId kettle = catalog.product(ProductId.of("kettle-" + UUID.randomUUID()), "Kettle", "24.50", 10);
        ProductId teapot = catalog.product(ProductId.of("teapot-" + UUID.randomUUID()), "Teapot", "10.00", 5);
        String declinedCard = "tok-decline-" + UUID.randomUUID();
        payments.decline(declinedCard);
        String customer = UUID.randomUUID().toString();
        String confirmed = orders.placeId(customer, OrderClient.body(kettle, 1, null, 0));
        String rejected = orders.placeId(customer, OrderClient.body(teapot, 1, null, 0, declinedCard));
        orders.awaitView(customer, confirmed, "CONFIRMED");
        orders.awaitView(customer, rejected, "REJECTED");

        AuditReportView clean = awaitCleanAudit();

        assertThat(clean.violationsByInvariant()).containsOnlyKeys(ConsistencyRules.INVARIANTS)
                .allSatisfy((name, count) -> assertThat(count).isZero());
        assertThat(clean.orders()).isEqualTo(2);
        assertThat(clean.payments()).isEqualTo(2);
        assertThat(clean.products()).isEqualTo(2);
        ConsistencyReportView report = queries.query(new ConsistencyReportQuery(100), ConsistencyReportView.class).join();
        assertThat(report.clean()).as("the same audit as the inspection protocol's consistency report").isTrue();
        assertThat(report.application()).isEqualTo("order-saga");
        assertThat(report.checked()).containsEntry("orders", 2);

        // Now break each invariant on purpose.
        ProductId slow = catalog.product(ProductId.of("slow-" + UUID.randomUUID()), "Slow", "3.00", 5);
        catalog.silence(slow); // its order stays in progress
        String pending = orders.placeId(customer, OrderClient.body(slow, 1, null, 0));
        orders.awaitView(customer, pending, "PLACED");
        payments.tamperCaptured(confirmed, "20.00");
        payments.tamperCaptured(rejected, "10.00");
        catalog.corrupt(kettle, 0, -1);
        catalog.strandReservation(teapot, rejected, 1);
        clock.advance(Duration.ofMinutes(5)); // past the pending order's deadline and grace

        AuditReportView broken = audit();

        assertThat(broken.violationsByInvariant()).containsEntry("confirmed-order-paid-once", 1)
                .containsEntry("unsuccessful-order-nothing-kept", 1).containsEntry("stock-balanced", 1)
                .containsEntry("no-reservation-for-finished-order", 1).containsEntry("order-reaches-final-state", 1)
                .containsEntry("saga-within-deadline", 0);
        assertThat(broken.violations()).hasSize(5);
        String paymentId = payments.paymentOfOrder(confirmed).paymentId().value();
        assertThat(violation(broken, "confirmed-order-paid-once")).extracting(AuditViolationView::orderId,
                AuditViolationView::paymentId).containsExactly(confirmed, paymentId);
        assertThat(violation(broken, "unsuccessful-order-nothing-kept")).extracting(AuditViolationView::orderId,
                AuditViolationView::paymentId).containsExactly(rejected, payments.paymentOfOrder(rejected).paymentId().value());
        assertThat(violation(broken, "stock-balanced").productId()).isEqualTo(kettle.value());
        assertThat(violation(broken, "no-reservation-for-finished-order")).extracting(AuditViolationView::orderId,
                AuditViolationView::productId).containsExactly(rejected, teapot.value());
        assertThat(violation(broken, "order-reaches-final-state").orderId()).isEqualTo(pending);

        assertThat(orders.get("/audit?maxViolations=2", TestTokens.admin(), AuditReportView.class).getBody())
                .satisfies(capped -> {
                    assertThat(capped.violations()).hasSize(2);
                    assertThat(capped.violationsByInvariant().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(5);
                });
    }

    /**
     * Past about 10 500 payments the one answer holding them all outgrew a gRPC message and the
     * audit answered 503; page by page, 12 000 come through the hub.
     */
    @Test
    void anAuditOfTwelveThousandPaymentsReadsThemAllThroughTheHub() {
        String orders = "history-" + UUID.randomUUID() + "-";
        payments.backfill(orders, 12_000);
        try {
            ResponseEntity<JsonNode> answer = new OrderClient(http).get("/audit", TestTokens.admin());

            assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.OK);
            assertThat(answer.getBody().get("payments").asInt()).isGreaterThanOrEqualTo(12_000);
        } finally {
            payments.forget(orders);
        }
    }

    @Test
    void theAuditIsForAdminsOnlyAndItsCapIsChecked() {
        OrderClient orders = new OrderClient(http);
        assertThat(orders.get("/audit", TestTokens.customer()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        var badCap = orders.get("/audit?maxViolations=0", TestTokens.admin());
        assertThat(badCap.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badCap.getBody().get("errors").get(0).get("field").asText()).isEqualTo("maxViolations");
    }

    /** Compensations may still be on their way when the orders look final: wait for quiet. */
    private AuditReportView awaitCleanAudit() {
        return await().atMost(Duration.ofSeconds(60)).until(this::audit, AuditReportView::clean);
    }

    private AuditReportView audit() {
        ResponseEntity<AuditReportView> answer = new OrderClient(http).get("/audit", TestTokens.admin(), AuditReportView.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private static AuditViolationView violation(AuditReportView report, String invariant) {
        return report.violations().stream().filter(v -> v.invariant().equals(invariant)).findFirst().orElseThrow();
    }
}
