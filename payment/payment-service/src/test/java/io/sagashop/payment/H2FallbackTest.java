package io.sagashop.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sagashop.payment.api.FindPaymentQuery;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentView;
import io.sagashop.payment.api.RequestPayment;
import io.sagashop.platform.test.TestHub;
import java.math.BigDecimal;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The documented no-MySQL fallback, as {@code ./shop} runs it: the service on H2 in MySQL mode,
 * connected to the hub. The same Flyway scripts build the schema, the payment view's plain SQL
 * runs on it (the insert with its duplicate-key guard, the decline's update, the look-up), and a
 * payment goes all the way to declined ({@code PaymentRecordsOnH2Test} runs every statement of
 * the view on H2). Through the hub because this service has no JPA, so no event store of its own.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:payments_h2;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="})
@DirtiesContext
class H2FallbackTest {

    @DynamicPropertySource
    static void theTestHubAndGateways(DynamicPropertyRegistry registry) {
        TestHub.connect(registry, "payment-h2");
        SandboxForTests.gatewaySettings().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;

    @Test
    void aPaymentIsDeclinedOnH2Too() {
        PaymentId id = PaymentId.random();
        commands.sendAndWait(new RequestPayment(id, "order-h2", "customer-h2", new BigDecimal("5.00"), "EUR",
                SandboxForTests.card("4000000000000002")));

        PaymentView view = await().atMost(Duration.ofSeconds(60)).until(() -> queries.query(new FindPaymentQuery(id),
                ResponseTypes.optionalInstanceOf(PaymentView.class)).join().orElse(null),
                v -> v != null && v.status() == PaymentStatus.DECLINED);

        assertThat(view.declineReason()).isEqualTo("card_declined");
    }
}
