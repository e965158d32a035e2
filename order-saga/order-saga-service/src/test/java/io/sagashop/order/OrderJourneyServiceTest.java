package io.sagashop.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.StockLevelsView;
import io.sagashop.order.api.AuditReportView;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentView;
import io.sagashop.platform.test.ServiceTest;
import io.sagashop.platform.test.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;

/**
 * Orders from the customer's HTTP request to their final state, with the real saga coordinating
 * the simulated catalog and payment service through the hub: confirmed, declined, out of stock,
 * and cancelled after confirmation (refunded, stock returned). Afterwards the real audit, asking
 * the same participants, finds order, payment and stock in agreement.
 */
@ServiceTest
@Import(SimulatedParticipants.class)
class OrderJourneyServiceTest {

    @Autowired TestRestTemplate http;
    @Autowired SimulatedCatalog catalog;
    @Autowired SimulatedPayments payments;

    @Test
    void ordersReachTheirFinalStatesAndTheAuditFindsNothingWrong() {
        OrderClient orders = new OrderClient(http);
        ProductId kettle = catalog.product(ProductId.of("kettle-" + UUID.randomUUID()), "Kettle", "24.50", 10);
        ProductId teapot = catalog.product(ProductId.of("teapot-" + UUID.randomUUID()), "Teapot", "10.00", 5);
        ProductId rare = catalog.product(ProductId.of("rare-" + UUID.randomUUID()), "Rare tea", "99.00", 1);
        String declinedCard = "tok-decline-" + UUID.randomUUID();
        payments.decline(declinedCard);
        String customer = UUID.randomUUID().toString();

        String happy = orders.placeId(customer, OrderClient.body(kettle, 2, teapot, 1));
        String declined = orders.placeId(customer, OrderClient.body(teapot, 2, null, 0, declinedCard));
        String outOfStock = orders.placeId(customer, OrderClient.body(kettle, 1, rare, 2));
        String regretted = orders.placeId(customer, OrderClient.body(teapot, 1, null, 0));

        JsonNode confirmed = orders.awaitFinal(customer, happy);
        assertThat(confirmed.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("total").decimalValue()).isEqualByComparingTo("59.00");
        assertThat(confirmed.get("paymentStatus").asText()).isEqualTo("CAPTURED");
        assertThat(payments.paymentOfOrder(happy).capturedAmount()).isEqualByComparingTo("59.00");
        // The payment request goes out from a callback, after the order's own steps; it still
        // carries the correlation id of the request that placed the order.
        assertThat(payments.requestCorrelation(happy)).isNotNull().isEqualTo(catalog.reservationCorrelation(happy));

        JsonNode rejectedByPayment = orders.awaitFinal(customer, declined);
        assertThat(rejectedByPayment.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejectedByPayment.get("rejectionReason").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(payments.paymentOfOrder(declined).status()).isEqualTo(PaymentStatus.DECLINED);

        JsonNode rejectedByStock = orders.awaitFinal(customer, outOfStock);
        assertThat(rejectedByStock.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejectedByStock.get("rejectionReason").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(payments.paymentOfOrder(outOfStock)).as("no payment is asked for an order that cannot be served").isNull();

        assertThat(orders.awaitFinal(customer, regretted).get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(orders.cancel(regretted, TestTokens.customer(customer)).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode cancelled = orders.awaitView(customer, regretted, "CANCELLED");
        PaymentView refund = await().atMost(Duration.ofSeconds(30)).until(() -> payments.paymentOfOrder(regretted),
                payment -> payment.status() == PaymentStatus.REFUNDED);
        assertThat(refund.capturedAmount()).isEqualByComparingTo("10.00");
        assertThat(refund.netAmount()).isEqualByComparingTo("0");
        assertThat(cancelled.get("paymentStatus").asText()).isEqualTo("REFUNDED");

        // Stock: the confirmed order sold 2 kettles and 1 teapot; everything else came back.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(catalog.levels(kettle)).extracting(StockLevelsView::available, StockLevelsView::reserved,
                    StockLevelsView::sold).containsExactly(8, 0, 2);
            assertThat(catalog.levels(teapot)).extracting(StockLevelsView::available, StockLevelsView::reserved,
                    StockLevelsView::sold).containsExactly(4, 0, 1);
            assertThat(catalog.levels(rare)).extracting(StockLevelsView::available, StockLevelsView::reserved,
                    StockLevelsView::sold).containsExactly(1, 0, 0);
        });

        // Compensations may still be on their way when the orders look final: wait for quiet.
        AuditReportView audit = await().atMost(Duration.ofSeconds(60)).until(
                () -> orders.get("/audit", TestTokens.admin(), AuditReportView.class).getBody(),
                report -> report != null && report.clean());
        assertThat(audit.orders()).isEqualTo(4);
        assertThat(audit.payments()).as("the out-of-stock order never reached payment").isEqualTo(3);
        assertThat(audit.products()).isEqualTo(3);
        assertThat(audit.violationsByInvariant().values()).allSatisfy(count -> assertThat(count).isZero());
    }
}
