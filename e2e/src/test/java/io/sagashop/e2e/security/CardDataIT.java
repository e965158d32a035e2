package io.sagashop.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.e2e.support.Audit;
import io.sagashop.e2e.support.Shop;
import io.sagashop.e2e.support.ShopClient;
import io.sagashop.e2e.support.ShopClient.CardToken;
import io.sagashop.e2e.support.ShopClient.Customer;
import io.sagashop.e2e.support.ShopClient.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * No card number is stored, logged or shown anywhere (issue 14): customers pay with cards
 * tokenized at the sandbox provider (confirmed, declined, refunded), a raw card number is refused
 * at the order placement and at {@code POST /payments} with nothing changed, and then every text
 * and blob column of every {@code e2e_*} schema (the hub's event, snapshot and scheduled-event
 * tables included) and every log file of the run is scanned for a Luhn-valid 13–19 digit number.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CardDataIT {

    private static final String APPROVED = "4242424242424242";
    private static final String DECLINED = "4000000000000002";
    private static final String REFUNDED = "5555555555554444";
    private static final Path LOGS = Path.of(System.getProperty("sagashop.root", "..")).toAbsolutePath().normalize()
            .resolve("e2e/target/e2e-logs");

    static ShopClient client;
    static Customer customer;
    static String product;
    static final Map<String, String> outcomes = new LinkedHashMap<>();

    @BeforeAll
    static void ordersArePaidWithTokenizedCards() {
        client = Shop.get().client();
        customer = client.newCustomer("Card Holder");
        product = client.addProduct("Card data teapot", "kitchen", "19.00", 10);

        String confirmed = client.placeOrder(customer, Map.of(product, 1), APPROVED).text("orderId");
        String declined = client.placeOrder(customer, Map.of(product, 1), DECLINED).text("orderId");
        String refunded = client.placeOrder(customer, Map.of(product, 1), REFUNDED).text("orderId");
        outcomes.put(confirmed, client.awaitFinal(customer.token(), confirmed, Duration.ofSeconds(60)).get("status").asText());
        outcomes.put(declined, client.awaitFinal(customer.token(), declined, Duration.ofSeconds(60)).get("status").asText());
        client.awaitStatus(customer.token(), refunded, "CONFIRMED", Duration.ofSeconds(60));
        assertThat(client.post("order-saga", "/orders/" + refunded + "/cancel", customer.token(), null).status())
                .isEqualTo(202);
        JsonNode cancelled = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.order(customer.token(), refunded),
                        // The refund lands before the order is marked cancelled: wait for both.
                        o -> o != null && "REFUNDED".equals(o.path("paymentStatus").asText())
                                && "CANCELLED".equals(o.path("status").asText()));
        outcomes.put(refunded, cancelled.get("status").asText() + "/" + cancelled.get("paymentStatus").asText());
        Audit.assertClean(client);
    }

    @Test
    @Order(1)
    void theOrdersWentTheirWayWithTheTokenInTheEventsAndNeverTheNumber() throws Exception {
        assertThat(outcomes.values()).containsExactly("CONFIRMED", "REJECTED", "CANCELLED/REFUNDED");
        CardToken visa = client.tokenize(APPROVED);
        assertThat(visa.token()).startsWith("tok_");
        assertThat(visa.brand()).isEqualTo("visa");
        assertThat(visa.last4()).isEqualTo("4242");
        try (Connection db = database()) {
            assertThat(hubEventsContaining(db, visa.token())).as("OrderPlaced and PaymentRequested carry the token")
                    .isGreaterThanOrEqualTo(2);
            assertThat(hubEventsContaining(db, APPROVED)).isZero();
        }
    }

    @Test
    @Order(2)
    void aRawCardNumberIsRefusedAtThePlacementNamingTheFieldAndNothingChanges() throws Exception {
        Customer careless = client.newCustomer("Careless Holder");
        for (String number : List.of(APPROVED, "4242 4242 4242 4242", "4000-0000-0000-0002", "378282246310005")) {
            Response refused = client.post("order-saga", "/orders", careless.token(),
                    client.orderRequestPaidWith(Map.of(product, 1), number),
                    Map.of("Idempotency-Key", "raw-card-" + UUID.randomUUID()));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("paymentMethod.token");
            assertThat(refused.body().toString()).doesNotContain(number).doesNotContain(number.replaceAll("[ -]", ""));
        }

        JsonNode orders = client.get("order-saga", "/orders", careless.token()).body();
        assertThat(orders.toString()).doesNotContain("orderId");
        try (Connection db = database()) {
            assertThat(count(db, "select count(*) from e2e_orders.order_placement where customer_id = ?", careless.id()))
                    .isZero();
            assertThat(count(db, "select count(*) from e2e_hub.hub_event where instr(event, 'OrderPlaced') > 0"
                    + " and instr(event, ?) > 0", careless.id())).as("no OrderPlaced of this customer").isZero();
        }
        assertThat(client.product(product).get("availableStock").asInt()).isEqualTo(9);
    }

    @Test
    @Order(3)
    void aRawCardNumberIsRefusedByThePaymentApiAndNothingIsRequested() throws Exception {
        String orderId = "card-data-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("orderId", orderId, "customerId", customer.id(), "amount", new java.math.BigDecimal("10.00"),
                "currency", "EUR", "method", Map.of("type", "CARD", "token", REFUNDED));

        Response refused = client.post("payment", "/payments", client.adminToken(), body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("method.token");
        assertThat(refused.body().toString()).doesNotContain(REFUNDED);
        assertThat(client.post("payment", "/payments", customer.token(), body).status())
                .as("a customer is refused before the body is looked at").isEqualTo(403);
        try (Connection db = database()) {
            assertThat(count(db, "select count(*) from e2e_payments.payment where order_id = ?", orderId)).isZero();
            assertThat(hubEventsContaining(db, orderId)).isZero();
        }
    }

    @Test
    @Order(4)
    void theScanRecognisesACardNumberWhereThereIsOne() {
        assertThat(CardNumberScan.find("{\"token\":\"4242424242424242\"} card 5555 5555 5555 4444, 4000-0000-0000-0002"))
                .containsExactly("************4242", "************4444", "************0002");
        assertThat(CardNumberScan.find("order 3f2a9c1e-8d4b-4e6f-9a0b-123456789012 at 1796512345678 ms, "
                + "[4bf92f3577b34da6a3ce929d0e0e4736,4242424242424242,corr] amount 42.4242424242424242 tok_4242424242424242"))
                .isEmpty();
    }

    @Test
    @Order(5)
    void noSchemaOfTheShopHoldsACardNumber() throws Exception {
        List<String> findings = new ArrayList<>();
        int columns = 0;
        try (Connection db = database()) {
            List<String[]> textColumns = new ArrayList<>();
            try (Statement statement = db.createStatement();
                 ResultSet rs = statement.executeQuery("select table_schema, table_name, column_name"
                         + " from information_schema.columns where table_schema like 'e2e\\_%' and data_type in"
                         + " ('char','varchar','tinytext','text','mediumtext','longtext','tinyblob','blob','mediumblob',"
                         + "'longblob','binary','varbinary','json','enum','set')")) {
                while (rs.next()) {
                    textColumns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] column : textColumns) {
                columns++;
                String where = column[0] + "." + column[1] + "." + column[2];
                try (Statement statement = db.createStatement();
                     ResultSet rs = statement.executeQuery("select `" + column[2] + "` from `" + column[0] + "`.`"
                             + column[1] + "`")) {
                    while (rs.next()) {
                        byte[] value = rs.getBytes(1);
                        if (value != null) {
                            // Latin-1 keeps every byte as one character: digits stay digits, also in protobuf blobs.
                            CardNumberScan.find(new String(value, StandardCharsets.ISO_8859_1))
                                    .forEach(number -> findings.add(where + ": " + number));
                        }
                    }
                }
            }
        }

        assertThat(columns).as("the hub's event table and every service's tables were scanned").isGreaterThan(50);
        assertThat(findings).as("card numbers stored in the database (shown masked)").isEmpty();
    }

    @Test
    @Order(6)
    void noLogOfTheRunHoldsACardNumber() throws IOException {
        List<String> findings = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> all = Files.walk(LOGS)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            CardNumberScan.find(text).forEach(number -> findings.add(LOGS.relativize(file) + ": " + number));
        }

        assertThat(files).as("the logs of the hub, the services and the sandbox provider").hasSizeGreaterThanOrEqualTo(8);
        assertThat(findings).as("card numbers in the logs (shown masked)").isEmpty();
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("sagashop.e2e.db", "jdbc:mysql://127.0.0.1:3306")
                        + "/?connectionTimeZone=UTC", System.getProperty("sagashop.e2e.db.user", "root"),
                System.getProperty("sagashop.e2e.db.password", ""));
    }

    /** Events in the hub's store whose bytes contain the text. */
    private static long hubEventsContaining(Connection db, String text) throws SQLException {
        return count(db, "select count(*) from e2e_hub.hub_event where instr(event, ?) > 0", text);
    }

    private static long count(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
