package io.sagashop.order.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.StockLevelsView;
import io.sagashop.order.OrderClient;
import io.sagashop.order.SimulatedCatalog;
import io.sagashop.order.SimulatedParticipants;
import io.sagashop.order.SimulatedPayments;
import io.sagashop.order.api.AuditReportView;
import io.sagashop.order.api.AuditViolationView;
import io.sagashop.order.api.OrderId;
import io.sagashop.inspection.api.SagaDetailView;
import io.sagashop.inspection.api.SagaState;
import io.sagashop.payment.api.CancelPayment;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.platform.test.ServiceTest;
import io.sagashop.platform.test.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;

/**
 * Invariant 4's saga half with a real saga: the payment gateway never answers, not even the
 * saga's {@code CancelPayment} after the order deadline, so the saga stays compensating past its
 * deadline. The inspection journal lists it as stuck and the audit reports
 * {@code saga-within-deadline} with its order; once the gateway answers, the saga finishes and the
 * audit is clean again. Short deadline and grace, so that this happens in real time.
 */
@ServiceTest(properties = {"sagashop.order.deadline=4s", "sagashop.order.audit.grace=1s"})
@Import(SimulatedParticipants.class)
class SagaPastDeadlineAuditTest {

    @Autowired TestRestTemplate http;
    @Autowired QueryGateway queries;
    @Autowired SimulatedCatalog catalog;
    @Autowired SimulatedPayments payments;

    @Test
    void aSagaPastItsDeadlineIsReportedWithItsOrder() {
        OrderClient orders = new OrderClient(http);
        ProductId kettle = catalog.product(ProductId.of("kettle-" + UUID.randomUUID()), "Kettle", "24.50", 10);
        String hangingCard = "tok-hangs-" + UUID.randomUUID();
        payments.silence(hangingCard);
        String customer = UUID.randomUUID().toString();
        String orderId = orders.placeId(customer, OrderClient.body(kettle, 1, null, 0, hangingCard));

        // The order deadline fires: the order is rejected and its stock released, but the void
        // of the payment gets no answer, so the saga cannot finish.
        JsonNode order = orders.awaitView(customer, orderId, "REJECTED");
        assertThat(order.get("rejectionReason").asText()).isEqualTo("DEADLINE_PASSED");
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.levels(kettle).reserved() == 0);

        AuditReportView report = await().atMost(Duration.ofSeconds(60)).until(this::audit,
                audit -> audit.violationsByInvariant().get("saga-within-deadline") == 1);

        AuditViolationView late = report.violations().stream().filter(v -> v.invariant().equals("saga-within-deadline"))
                .findFirst().orElseThrow();
        SagaDetailView saga = saga(orderId);
        assertThat(late.orderId()).isEqualTo(orderId);
        assertThat(late.description()).contains(saga.summary().sagaId());
        assertThat(saga.summary().state()).isEqualTo(SagaState.STUCK);
        assertThat(saga.summary().currentStep()).isEqualTo("COMPENSATING");
        assertThat(payments.commands(CancelPayment.class, orderId)).as("the saga asked to void the payment").isNotEmpty();
        assertThat(report.violations()).as("order, payment and stock agree: only the saga is late").hasSize(1);

        payments.resume(hangingCard); // the gateway answers at last: the payment is voided

        await().atMost(Duration.ofSeconds(60)).until(() -> saga(orderId).summary().state() == SagaState.COMPENSATED);
        assertThat(payments.paymentOfOrder(orderId).status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(catalog.levels(kettle)).extracting(StockLevelsView::available, StockLevelsView::reserved)
                .containsExactly(10, 0);
        assertThat(audit().clean()).isTrue();
    }

    private AuditReportView audit() {
        return new OrderClient(http).get("/audit", TestTokens.admin(), AuditReportView.class).getBody();
    }

    private SagaDetailView saga(String orderId) {
        return io.sagashop.order.OrderSagas.latest(queries, OrderId.of(orderId)).orElseThrow();
    }
}
