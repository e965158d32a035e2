package io.sagashop.payment.charging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.payment.PaymentApplication;
import io.sagashop.payment.SandboxForTests;
import io.sagashop.payment.api.CancelPayment;
import io.sagashop.payment.api.FindPaymentQuery;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentView;
import io.sagashop.payment.api.RequestPayment;
import io.sagashop.platform.test.ServiceTestInitializer;
import io.sagashop.platform.test.TestHub;
import io.sagashop.platform.test.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The service dies after the gateway took the money and before the answer reached the
 * aggregate; a new instance on the same schema picks the event up again from its token, asks the
 * gateway again with the same idempotency key and records the answer: one charge (or refund) at
 * the gateway, one capture (or refund) in the event store.
 */
class NoDoubleChargeTest {

    private String schema;
    private Map<String, Object> settings;

    @BeforeEach
    void freshSchema() {
        schema = TestDatabase.createSchema("payment_crash");
        settings = new HashMap<>(ServiceTestInitializer.properties(schema, "payment"));
        // A fresh token store replays the whole store: only this test's payment may be in it.
        TestHub.purgeEvents();
        settings.putAll(SandboxForTests.gatewaySettings());
        settings.put("server.port", "0");
    }

    @AfterEach
    void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void aCrashAfterTheChargeAndBeforeTheCaptureIsRecordedDoesNotChargeTwice() throws InterruptedException {
        PaymentId id = PaymentId.random();
        CountDownLatch charged = new CountDownLatch(1);

        try (ConfigurableApplicationContext first = start(crashAfter("charge", charged))) {
            first.getBean(CommandGateway.class).sendAndWait(new RequestPayment(id, "order-x", "customer-x",
                    new BigDecimal("77.70"), "EUR", SandboxForTests.card("4242424242424242")));
            assertThat(charged.await(60, TimeUnit.SECONDS)).as("the gateway answered").isTrue();
            assertThat(events(first, id, "PaymentCaptured")).as("but the capture was never recorded").isZero();
        }
        assertThat(SandboxForTests.charges(id.value())).as("the gateway took the money").hasSize(1);

        try (ConfigurableApplicationContext second = start(GatewayCallListener.NONE)) {
            PaymentView view = awaitStatus(second, id, PaymentStatus.CAPTURED);
            assertThat(view.capturedAmount()).isEqualByComparingTo("77.70");
            assertThat(events(second, id, "PaymentCaptured")).as("exactly one capture recorded").isEqualTo(1);
        }

        List<JsonNode> charges = SandboxForTests.charges(id.value());
        assertThat(charges).as("exactly one charge at the gateway").hasSize(1);
        assertThat(charges.get(0).get("outcome").asText()).isEqualTo("approved");
        assertThat(charges.get(0).get("requests").asInt()).as("asked again after the restart, same key").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aCrashAfterTheRefundAndBeforeItIsRecordedDoesNotRefundTwice() throws InterruptedException {
        PaymentId id = PaymentId.random();
        CountDownLatch refunded = new CountDownLatch(1);

        try (ConfigurableApplicationContext first = start(crashAfter("refund", refunded))) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            commands.sendAndWait(new RequestPayment(id, "order-y", "customer-y", new BigDecimal("15.00"), "EUR",
                    PaymentMethod.wallet("wallet_success")));
            awaitStatus(first, id, PaymentStatus.CAPTURED);
            commands.sendAndWait(new CancelPayment(id, "order cancelled"));
            assertThat(refunded.await(60, TimeUnit.SECONDS)).as("the gateway refunded").isTrue();
            assertThat(events(first, id, "PaymentRefunded")).isZero();
        }

        try (ConfigurableApplicationContext second = start(GatewayCallListener.NONE)) {
            awaitStatus(second, id, PaymentStatus.REFUNDED);
            assertThat(events(second, id, "PaymentRefunded")).isEqualTo(1);
        }

        assertThat(SandboxForTests.refunds(id.value())).as("exactly one refund at the gateway").hasSize(1);
        assertThat(SandboxForTests.charges(id.value())).hasSize(1);
    }

    @Test
    void aServiceStoppedWhileHoldingTheGatewaysAnswerResumesFromItsTokenWithoutASecondCharge() throws InterruptedException {
        PaymentId id = PaymentId.random();
        CountDownLatch charged = new CountDownLatch(1);

        // No exception this time: the handler is frozen with the answer in hand while the service
        // shuts down, as if the process were stopped there; its token never moves past the event.
        try (ConfigurableApplicationContext first = start(freezeAfter("charge", charged))) {
            first.getBean(CommandGateway.class).sendAndWait(new RequestPayment(id, "order-z", "customer-z",
                    new BigDecimal("33.30"), "EUR", SandboxForTests.card("5555555555554444")));
            assertThat(charged.await(60, TimeUnit.SECONDS)).as("the gateway answered").isTrue();
            assertThat(events(first, id, "PaymentCaptured")).isZero();
        }

        try (ConfigurableApplicationContext second = start(GatewayCallListener.NONE)) {
            awaitStatus(second, id, PaymentStatus.CAPTURED);
            assertThat(events(second, id, "PaymentCaptured")).isEqualTo(1);
        }

        List<JsonNode> charges = SandboxForTests.charges(id.value());
        assertThat(charges).as("exactly one charge at the gateway").hasSize(1);
        assertThat(charges.get(0).get("requests").asInt()).isGreaterThanOrEqualTo(2);
    }

    /** A listener that holds the handler after the gateway answered until the service stops, then fails it. */
    private static GatewayCallListener freezeAfter(String operation, CountDownLatch answered) {
        return (paymentId, op) -> {
            if (op.equals(operation)) {
                answered.countDown();
                try {
                    new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("stopped while holding the gateway's answer for " + paymentId);
            }
        };
    }

    /** A listener that lets the service die right after the gateway answered: every time, in this instance. */
    private static GatewayCallListener crashAfter(String operation, CountDownLatch answered) {
        return (paymentId, op) -> {
            if (op.equals(operation)) {
                answered.countDown();
                throw new IllegalStateException("simulated crash after the gateway answered " + op + " of " + paymentId);
            }
        };
    }

    private ConfigurableApplicationContext start(GatewayCallListener listener) {
        // Added first, so the test's schema and sandbox win over application.yml.
        return new SpringApplicationBuilder(PaymentApplication.class)
                .initializers(context -> {
                    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("crashTest", settings));
                    context.getBeanFactory().registerSingleton("gatewayCallListener", listener);
                })
                .run();
    }

    private static PaymentView awaitStatus(ConfigurableApplicationContext context, PaymentId id, PaymentStatus status) {
        QueryGateway queries = context.getBean(QueryGateway.class);
        return await().atMost(Duration.ofSeconds(90)).until(() -> queries.query(new FindPaymentQuery(id),
                        ResponseTypes.optionalInstanceOf(PaymentView.class)).join().orElse(null),
                view -> view != null && view.status() == status);
    }

    /** How many events of this type the payment has, read through Axon's event store (local or the hub). */
    private static long events(ConfigurableApplicationContext context, PaymentId id, String type) {
        return context.getBean(EventStore.class).readEvents(id.value()).asStream()
                .filter(event -> event.getPayloadType().getSimpleName().equals(type))
                .count();
    }
}
