package io.sagashop.e2e.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.e2e.support.Audit;
import io.sagashop.e2e.support.Shop;
import io.sagashop.e2e.support.ShopClient;
import io.sagashop.e2e.support.ShopClient.Customer;
import io.sagashop.e2e.support.ShopClient.Response;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The order service dies right after the saga committed a handling, before anything that handling
 * planned for after the commit went out (the commands of the next step): for each kind of saga
 * commit of placement, compensation and cancellation, and for the order deadline's handling, the
 * order still reaches its right final state once the service is back, and the audit is clean.
 *
 * <p>The service is started with the platform's test-only fault hook
 * ({@code sagashop.fault.halt-after-commit=order-saga:<event>}, or {@code deadlines:order-deadline}),
 * which halts the JVM (exit status 86) right after the saga's unit of work that handled that event
 * (or deadline) committed. The test waits for
 * that halt, starts the service again and follows the order. The saga has to heal through what
 * it persisted in that commit (its step deadline, due before the service is back).
 *
 * <p>To keep the class short, the service that comes back after a halt is already armed for the
 * next step's kind: each step is chosen so that the next kind cannot occur in what remains of the
 * previous order (StockCommitted and OrderConfirmed of one order may come in either order, hence
 * an ordinary restart between those two steps). Each test ends only once the order's sagas have
 * ended, not when its view is final: the view's projection may run ahead of the saga, and an
 * event the saga had yet to handle would halt the next armed service while it starts. While
 * armed, the order deadline is long ({@link #ORDER_DEADLINE}), so that it is the crash that is
 * healed, not the slow restart of a loaded machine that is compensated.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashWindowIT {

    static final String APPROVED = "4242424242424242";
    static final String DECLINED = "4000000000000002";
    static final String SERVICE = "order-saga";
    /** The event processor of the placement saga; the cancellation saga's too, while it shares it. */
    static final String SAGA_PROCESSOR = "order-saga";
    static final int HALT_STATUS = 86;
    static final Duration ORDER_DEADLINE = Duration.ofSeconds(300);
    static final Duration HALTS_WITHIN = Duration.ofSeconds(90);
    /** The deadline manager's hook: halt after the saga's handling of its order deadline committed. */
    static final String ORDER_DEADLINE_FAULT = "deadlines:order-deadline";
    /** An order deadline that passes while the slowed payment providers still hold the charge's answer. */
    static final Duration SHORT_ORDER_DEADLINE = Duration.ofSeconds(15);
    /** After the restart: the step deadline (10 s after the commit) is due, a resend or two settles it. */
    static final Duration SETTLED = Duration.ofSeconds(120);

    static Shop shop;
    static ShopClient client;
    static Customer customer;
    /** The fault and order deadline the order service runs with, "halted" once it halted, null when it runs as usual. */
    static String armedWith;

    @BeforeAll
    static void startShop() {
        shop = Shop.get();
        client = shop.client();
        customer = client.newCustomer("Crash Window");
        armedWith = null;
    }

    @AfterEach
    void auditIsClean() {
        shop.ensureRunning(SERVICE);
        Audit.assertClean(client);
    }

    @AfterAll
    static void backToTheUsualSettings() {
        if (armedWith != null || !shop.process(SERVICE).alive()) {
            shop.restart(SERVICE);
            armedWith = null;
        }
    }

    // ---- placement ------------------------------------------------------------------------------

    @Test
    @Order(1)
    void afterOrderPlacedTheOrderIsStillConfirmed() {
        String product = client.addProduct("Crash kettle", "kitchen", "20.00", 5);
        String key = UUID.randomUUID().toString();
        // The saga may handle OrderPlaced, and the service halt, before POST /orders is answered.
        String answered = crashAfter("OrderPlaced", "PaymentDeclined", () -> {
            try {
                return client.placeOrder(customer, Map.of(product, 1), APPROVED, key).text("orderId");
            } catch (UncheckedIOException noAnswer) {
                return null;
            }
        });
        // A client without an answer posts again with the same key and learns its one order.
        Response again = client.placeOrder(customer, Map.of(product, 1), APPROVED, key);
        assertThat(again.status()).as("the repeated POST: %s", again).isIn(200, 201, 202);
        String orderId = again.text("orderId");
        if (answered != null) {
            assertThat(orderId).isEqualTo(answered);
        }
        assertConfirmed(orderId, product, 4);
    }

    @Test
    @Order(4)
    void afterTheLastStockReservedTheOrderIsStillConfirmed() {
        String kettle = client.addProduct("Crash toaster", "kitchen", "30.00", 5);
        String mug = client.addProduct("Crash mug", "kitchen", "5.00", 5);
        // The second StockReserved is the one that completes the reservations and asks for the payment.
        String orderId = crashAfter("StockReserved:2", "StockReleased", () -> place(Map.of(kettle, 1, mug, 2), APPROVED));
        assertConfirmed(orderId, kettle, 4);
        client.awaitAvailable(mug, 3, SETTLED);
    }

    @Test
    @Order(6)
    void afterPaymentCapturedTheOrderIsStillConfirmed() {
        String product = client.addProduct("Crash lamp", "living", "40.00", 5);
        String orderId = crashAfter("PaymentCaptured", "OrderRejected", () -> place(Map.of(product, 2), APPROVED));
        assertConfirmed(orderId, product, 3);
    }

    @Test
    @Order(8)
    void afterStockCommittedTheOrderIsStillConfirmed() {
        String product = client.addProduct("Crash chair", "living", "60.00", 5);
        // Its OrderConfirmed may still be ahead: the service comes back unarmed.
        String orderId = crashAfter("StockCommitted", null, () -> place(Map.of(product, 1), APPROVED));
        assertConfirmed(orderId, product, 4);
    }

    @Test
    @Order(9)
    void afterOrderConfirmedTheOrderIsStillConfirmed() {
        String product = client.addProduct("Crash desk", "office", "90.00", 5);
        String orderId = crashAfter("OrderConfirmed", null, () -> place(Map.of(product, 1), APPROVED));
        assertConfirmed(orderId, product, 4);
    }

    // ---- compensation ---------------------------------------------------------------------------

    @Test
    @Order(2)
    void afterPaymentDeclinedTheOrderIsStillRejectedWithItsStockBack() {
        String product = client.addProduct("Crash rug", "living", "70.00", 5);
        String orderId = crashAfter("PaymentDeclined", "OrderCancellationRequested", () -> place(Map.of(product, 2), DECLINED));
        assertRejected(orderId, "PAYMENT_DECLINED");
        client.awaitAvailable(product, 5, SETTLED);
    }

    @Test
    @Order(5)
    void afterStockReleasedTheOrderIsStillRejected() {
        String product = client.addProduct("Crash vase", "living", "25.00", 5);
        String orderId = crashAfter("StockReleased", "PaymentCaptured", () -> place(Map.of(product, 1), DECLINED));
        assertRejected(orderId, "PAYMENT_DECLINED");
        client.awaitAvailable(product, 5, SETTLED);
    }

    @Test
    @Order(7)
    void afterOrderRejectedAnOutOfStockOrderStaysRejectedHoldingNothing() {
        String scarce = client.addProduct("Crash teapot", "kitchen", "35.00", 1);
        String orderId = crashAfter("OrderRejected", "StockCommitted", () -> place(Map.of(scarce, 2), APPROVED));
        assertRejected(orderId, "OUT_OF_STOCK");
        assertThat(client.product(scarce).get("availableStock").asInt()).isEqualTo(1);
    }

    // ---- cancellation after confirmation --------------------------------------------------------

    @Test
    @Order(3)
    void afterOrderCancellationRequestedTheOrderIsStillRefundedAndRestocked() {
        String product = client.addProduct("Crash shelf", "office", "55.00", 5);
        // The service is already armed for the cancellation: a placement has none.
        arm("OrderCancellationRequested");
        String orderId = place(Map.of(product, 2), APPROVED);
        assertThat(client.awaitFinal(customer.token(), orderId, SETTLED).get("status").asText()).isEqualTo("CONFIRMED");

        crashAfter("OrderCancellationRequested", "StockReserved:2", () -> {
            Response cancel = client.post(SERVICE, "/orders/" + orderId + "/cancel", customer.token(), null);
            assertThat(cancel.status()).isEqualTo(202);
            return orderId;
        });

        JsonNode order = client.awaitStatus(customer.token(), orderId, "CANCELLED", SETTLED);
        assertThat(order.get("paymentStatus").asText()).isEqualTo("REFUNDED");
        assertThat(payment(order).get("status").asText()).isEqualTo("REFUNDED");
        client.awaitAvailable(product, 5, SETTLED);
        client.awaitSagasEnded(orderId, SETTLED);
    }

    // ---- a deadline -----------------------------------------------------------------------------

    @Test
    @Order(10)
    void afterTheOrderDeadlineTheOrderIsStillRejectedWithNothingKept() {
        String product = client.addProduct("Crash clock", "office", "45.00", 5);
        // Every charge is processed but answered too late: the order deadline decides.
        client.slowPaymentProviders(8000);
        try {
            arm(ORDER_DEADLINE_FAULT, SHORT_ORDER_DEADLINE);
            String orderId = haltAndRestart("order-deadline", null, () -> place(Map.of(product, 1), APPROVED));
            assertRejected(orderId, "DEADLINE_PASSED");
        } finally {
            client.clearFaults();
        }
        client.awaitAvailable(product, 5, SETTLED);
        // The audit after the test proves the late charge was voided or refunded.
    }

    // ---- the crash ------------------------------------------------------------------------------

    /**
     * Arms the order service for {@code event}, does what leads to it, waits for the service to
     * halt after the saga's commit of that event and starts it again (armed for {@code next}, or
     * as usual when null). Returns the order the action is about.
     */
    private static String crashAfter(String event, String next, Supplier<String> action) {
        arm(event);
        return haltAndRestart(event, next, action);
    }

    private static String haltAndRestart(String event, String next, Supplier<String> action) {
        String orderId = action.get();
        int status = shop.awaitExit(SERVICE, HALTS_WITHIN);
        assertThat(status).as("the order service should halt (exit %d) right after the saga committed %s of order %s",
                HALT_STATUS, event, orderId).isEqualTo(HALT_STATUS);
        armedWith = "halted";
        if (next == null) {
            shop.restart(SERVICE);
            armedWith = null;
        } else {
            arm(next);
        }
        return orderId;
    }

    /** Restarts the order service armed for {@code event} in the saga's processor, unless it already is. */
    private static void arm(String event) {
        arm(SAGA_PROCESSOR + ":" + event, ORDER_DEADLINE);
    }

    /** Restarts the order service with this fault and order deadline, unless it already runs so. */
    private static void arm(String fault, Duration orderDeadline) {
        String armed = fault + " " + orderDeadline;
        if (armed.equals(armedWith) && shop.process(SERVICE).alive()) {
            return;
        }
        shop.restartWith(SERVICE, "--sagashop.fault.halt-after-commit=" + fault,
                "--sagashop.order.deadline=" + orderDeadline.toSeconds() + "s");
        armedWith = armed;
    }

    private static String place(Map<String, Integer> lines, String card) {
        Response placed = client.placeOrder(customer, new LinkedHashMap<>(lines), card);
        assertThat(placed.status()).as("placing an order: %s", placed).isEqualTo(202);
        return placed.text("orderId");
    }

    private static void assertConfirmed(String orderId, String product, int availableAfter) {
        JsonNode order = client.awaitFinal(customer.token(), orderId, SETTLED);
        assertThat(order.get("status").asText()).as("order %s", orderId).isEqualTo("CONFIRMED");
        JsonNode payment = payment(order);
        assertThat(payment.get("status").asText()).isEqualTo("CAPTURED");
        assertThat(payment.get("capturedAmount").decimalValue()).isEqualByComparingTo(order.get("total").decimalValue());
        client.awaitAvailable(product, availableAfter, SETTLED);
        client.awaitSagasEnded(orderId, SETTLED);
    }

    private static void assertRejected(String orderId, String reason) {
        JsonNode order = client.awaitFinal(customer.token(), orderId, SETTLED);
        assertThat(order.get("status").asText()).as("order %s", orderId).isEqualTo("REJECTED");
        assertThat(order.get("rejectionReason").asText()).isEqualTo(reason);
        client.awaitSagasEnded(orderId, SETTLED);
    }

    private static JsonNode payment(JsonNode order) {
        Response payment = client.get("payment", "/payments/" + order.get("paymentId").asText(), client.adminToken());
        assertThat(payment.status()).as("the order's payment: %s", payment).isEqualTo(200);
        return payment.body();
    }
}
