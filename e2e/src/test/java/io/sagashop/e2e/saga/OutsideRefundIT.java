package io.sagashop.e2e.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.e2e.support.Audit;
import io.sagashop.e2e.support.Shop;
import io.sagashop.e2e.support.ShopClient;
import io.sagashop.e2e.support.ShopClient.Customer;
import io.sagashop.e2e.support.ShopClient.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator refunds a confirmed order's payment directly at the payment service: the order must
 * not stay CONFIRMED with its money given back. It ends CANCELLED with the payment REFUNDED once,
 * its stock back on the shelf, and a later cancel by the customer is answered 409.
 */
class OutsideRefundIT {

    static final String APPROVED = "4242424242424242";
    static final Duration SETTLED = Duration.ofSeconds(90);

    static Shop shop;
    static ShopClient client;
    static Customer customer;

    @BeforeAll
    static void startShop() {
        shop = Shop.get();
        client = shop.client();
        customer = client.newCustomer("Grace Hopper");
    }

    @AfterEach
    void auditIsClean() {
        Audit.assertClean(client);
    }

    @Test
    void anOperatorRefundOfAConfirmedOrderCancelsTheOrderAndReturnsItsStock() {
        String lamp = client.addProduct("Refunded lamp", "living", "30.00", 5);
        Response placed = client.placeOrder(customer, Map.of(lamp, 2), APPROVED);
        String orderId = placed.text("orderId");
        JsonNode confirmed = client.awaitFinal(customer.token(), orderId, SETTLED);
        assertThat(confirmed.get("status").asText()).isEqualTo("CONFIRMED");
        client.awaitAvailable(lamp, 3, SETTLED);

        Response refund = client.post("payment", "/payments/" + confirmed.get("paymentId").asText() + "/refund",
                client.adminToken(), Map.of("reason", "goodwill refund by the support desk"));

        assertThat(refund.status()).isEqualTo(200);
        JsonNode order = client.awaitStatus(customer.token(), orderId, "CANCELLED", SETTLED);
        assertThat(order.get("paymentStatus").asText()).isEqualTo("REFUNDED");
        client.awaitAvailable(lamp, 5, SETTLED);
        assertThat(client.post("order-saga", "/orders/" + orderId + "/cancel", customer.token(), null).status())
                .as("the customer's cancel of the refunded, cancelled order").isEqualTo(409);
    }
}
