package io.sagashop.e2e.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.e2e.support.Audit;
import io.sagashop.e2e.support.Shop;
import io.sagashop.e2e.support.ShopClient;
import io.sagashop.e2e.support.ShopClient.Customer;
import io.sagashop.e2e.support.ShopProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of catalog and of payment, as {@code ./shop scale} runs them. Which instance
 * handled a command is read from the hub's order timeline (a public endpoint).
 */
class ScaleIT {

    static final String APPROVED = "4242424242424242";
    static final Duration SETTLED = Duration.ofSeconds(120);

    static Shop shop;
    static ShopClient client;

    @BeforeAll
    static void twoOfEach() {
        shop = Shop.get();
        client = shop.client();
        shop.scaleOut("catalog");
        shop.scaleOut("payment");
        await().atMost(Duration.ofSeconds(60)).until(() -> instances("catalog") == 2 && instances("payment") == 2);
    }

    @BeforeEach
    void everyInstanceRunning() {
        for (String name : List.of("catalog", "catalog-2", "payment", "payment-2")) {
            shop.ensureRunning(name);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> instances("catalog") == 2 && instances("payment") == 2);
    }

    @AfterAll
    static void backToOne() {
        // Whatever the test killed comes back, and the second instances go, for the next class.
        for (String name : List.of("catalog", "payment")) {
            if (!shop.process(name).alive()) {
                shop.restart(name);
            }
            shop.process(name + "-2").stop();
        }
    }

    @Test
    void commandsForOneProductLandOnOneInstanceAndMoveWhenItDies() {
        Customer customer = client.newCustomer("Scale Tester");
        String product = client.addProduct("Scaled kettle", "kitchen", "20.00", 100);

        List<String> before = placeAndSettle(client, customer, product, 6);
        Set<String> handlers = reservingInstances(before);
        assertThat(handlers).as("instances that reserved stock of one product").hasSize(1);
        String owner = handlers.iterator().next();

        ShopProcess dead = shop.process(owner.equals("catalog-1") ? "catalog" : "catalog-2");
        ShopProcess alive = shop.process(owner.equals("catalog-1") ? "catalog-2" : "catalog");
        dead.kill();
        ShopClient survivor = client.with("catalog", alive.baseUrl());
        List<String> after = placeAndSettle(survivor, customer, product, 6);

        assertThat(reservingInstances(after)).containsExactly(owner.equals("catalog-1") ? "catalog-2" : "catalog-1");
        survivor.awaitAvailable(product, 100 - before.size() - after.size(), SETTLED);
        Audit.assertClean(survivor);
    }

    @Test
    void paymentsContinueWhenOneOfTwoPaymentInstancesDiesMidOrder() {
        Customer customer = client.newCustomer("Scale Payer");
        String product = client.addProduct("Scaled mug", "kitchen", "6.00", 100);
        client.slowPaymentProviders(800);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            orders.add(client.placeOrder(customer, Map.of(product, 1), APPROVED).text("orderId"));
        }

        shop.process("payment-2").kill();
        client.clearFaults();

        for (String order : orders) {
            assertThat(client.awaitFinal(customer.token(), order, SETTLED).get("status").asText()).isEqualTo("CONFIRMED");
        }
        Audit.assertClean(client);
    }

    private static List<String> placeAndSettle(ShopClient via, Customer customer, String product, int count) {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(via.placeOrder(customer, Map.of(product, 1), APPROVED).text("orderId"));
        }
        for (String order : orders) {
            assertThat(via.awaitFinal(customer.token(), order, SETTLED).get("status").asText()).isEqualTo("CONFIRMED");
        }
        return orders;
    }

    /** The client ids that handled ReserveStock for these orders, from the hub's timelines of the orders. */
    private static Set<String> reservingInstances(List<String> orders) {
        Set<String> instances = new HashSet<>();
        for (String order : orders) {
            JsonNode timeline = client.get("hub", "/v1/dashboard/timeline?aggregateId=" + order, client.adminToken()).body();
            timeline.get("entries").forEach(entry -> {
                if (entry.path("name").asText().equals("ReserveStock")) {
                    instances.add(entry.path("instance").asText());
                }
            });
        }
        return instances;
    }

    private static int instances(String application) {
        JsonNode overview = client.get("hub", "/v1/dashboard/overview", client.adminToken()).body();
        int count = 0;
        for (JsonNode app : overview.get("applications")) {
            if (app.get("name").asText().equals(application)) {
                count += app.get("instances").size();
            }
        }
        return count;
    }
}
