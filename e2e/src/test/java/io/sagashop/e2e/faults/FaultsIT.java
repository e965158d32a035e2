package io.sagashop.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.e2e.support.Audit;
import io.sagashop.e2e.support.Shop;
import io.sagashop.e2e.support.ShopClient;
import io.sagashop.e2e.support.ShopClient.Customer;
import io.sagashop.e2e.support.ShopClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each fault strikes while orders are in flight. Afterwards every order has reached a final
 * state, none is lost or duplicated, and the audit is clean.
 */
class FaultsIT {

    static final String APPROVED = "4242424242424242";
    static final Duration RECOVERED = Duration.ofSeconds(180);

    static Shop shop;
    static ShopClient client;
    Customer customer;

    @BeforeAll
    static void startShop() {
        shop = Shop.get();
        client = shop.client();
    }

    @AfterEach
    void recoveredAndConsistent() {
        client.clearFaults();
        Audit.assertClean(client);
    }

    @Test
    void killingThePaymentServiceMidOrderLosesNothing() {
        customer = client.newCustomer("Payment Fault");
        String product = client.addProduct("Fault kettle", "kitchen", "20.00", 100);
        client.slowPaymentProviders(1000);
        List<String> orders = place(product, 15);

        awaitStatus(orders.get(orders.size() - 1), "PAYMENT_PENDING");
        shop.process("payment").kill();
        client.clearFaults();
        shop.restart("payment");

        everyOrderEndsOnce(orders);
    }

    @Test
    void killingTheOrderServiceWithDeadlinesPendingStillFiresThem() {
        customer = client.newCustomer("Saga Fault");
        String product = client.addProduct("Fault teapot", "kitchen", "35.00", 100);
        // Payments hang: only the order deadline can end these orders.
        client.slowPaymentProviders(60_000);
        List<String> orders = place(product, 5);
        for (String order : orders) {
            awaitStatus(order, "PAYMENT_PENDING");
        }

        shop.process("order-saga").kill();
        shop.restart("order-saga");

        for (String order : everyOrderEndsOnce(orders)) {
            assertThat(client.order(customer.token(), order).get("rejectionReason").asText()).isEqualTo("DEADLINE_PASSED");
        }
        client.awaitAvailable(product, 100, RECOVERED);
    }

    @Test
    void killingTheHubMidOrderLosesNothing() {
        customer = client.newCustomer("Hub Fault");
        String product = client.addProduct("Fault lamp", "living", "45.00", 100);
        client.slowPaymentProviders(1000);
        List<String> orders = place(product, 15);

        shop.process("hub").kill();
        client.clearFaults();
        shop.restart("hub");

        everyOrderEndsOnce(orders);
    }

    @Test
    void ordersFlowWhileNotificationAndRecommendationAreDownAndBothCatchUp() {
        customer = client.newCustomer("Quiet Period");
        String kettle = client.addProduct("Catch-up kettle", "kitchen", "20.00", 100);
        String mug = client.addProduct("Catch-up mug", "kitchen", "5.00", 100);
        shop.process("notification").stop();
        shop.process("recommendation").stop();

        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orders.add(client.placeOrder(customer, Map.of(kettle, 1, mug, 1), APPROVED).text("orderId"));
        }
        for (String order : everyOrderEndsOnce(orders)) {
            assertThat(client.order(customer.token(), order).get("status").asText()).isEqualTo("CONFIRMED");
        }

        shop.restart("notification");
        shop.restart("recommendation");

        // One mail per confirmed order, to this customer, each naming its order.
        await().atMost(RECOVERED).until(() -> mailsTo(customer.email()).size() == orders.size());
        List<JsonNode> mails = mailsTo(customer.email());
        for (String order : orders) {
            assertThat(mails.stream().filter(m -> (m.get("subject").asText() + m.get("text").asText()).contains(order)))
                    .as("mails about order %s", order).hasSize(1);
        }
        // The recommendation views caught up with the purchases made while the service was down.
        await().atMost(RECOVERED).until(() -> {
            JsonNode answer = client.get("recommendation", "/recommendations?productId=" + kettle + "&limit=5",
                    customer.token()).body();
            return answer != null && answer.has("recommendations") && answer.get("recommendations").size() > 0
                    && answer.get("recommendations").get(0).get("productId").asText().equals(mug);
        });
    }

    private List<JsonNode> mailsTo(String address) {
        JsonNode mails = client.get("smtp-sink", "/mails?to=" + address, null).body();
        List<JsonNode> result = new ArrayList<>();
        mails.forEach(result::add);
        return result;
    }

    private List<String> place(String product, int count) {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Response placed = client.placeOrder(customer, Map.of(product, 1), APPROVED);
            assertThat(placed.status()).isEqualTo(202);
            orders.add(placed.text("orderId"));
        }
        return orders;
    }

    private void awaitStatus(String orderId, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode order = client.order(customer.token(), orderId);
            return order != null && order.get("status").asText().equals(status);
        });
    }

    /** Every order placed reaches a final state, and the customer's history holds each exactly once. */
    private List<String> everyOrderEndsOnce(List<String> orders) {
        for (String order : orders) {
            client.awaitFinal(customer.token(), order, RECOVERED);
        }
        JsonNode history = client.get("order-saga", "/orders?size=100", customer.token()).body();
        Set<String> listed = new HashSet<>();
        history.get("orders").forEach(o -> assertThat(listed.add(o.get("orderId").asText())).isTrue());
        assertThat(listed).containsExactlyInAnyOrderElementsOf(orders);
        return orders;
    }
}
