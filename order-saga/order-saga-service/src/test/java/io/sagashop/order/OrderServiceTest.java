package io.sagashop.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sagashop.catalog.api.ProductAdded;
import io.sagashop.catalog.api.ProductDiscontinued;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ProductPriceChanged;
import io.sagashop.platform.test.ServiceTest;
import io.sagashop.platform.test.TestTokens;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The order service on MariaDB and the hub, with the simulated catalog and payment service
 * answering through the hub ({@link SimulatedParticipants}). The catalog is silent about these
 * tests' products, so the saga leaves their orders PLACED (reserving stock) while placement,
 * idempotency and cancellation are checked; the status stream test lets the catalog answer and
 * watches the saga move the order on.
 */
@ServiceTest
@Import(SimulatedParticipants.class)
class OrderServiceTest {

    static final ProductId KETTLE = ProductId.of("kettle-" + UUID.randomUUID());
    static final ProductId TEAPOT = ProductId.of("teapot-" + UUID.randomUUID());

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    /** The service's connections do not auto-commit: the test's own writes need a transaction. */
    @Autowired TransactionTemplate transactions;
    @Autowired ObjectMapper json;
    @Autowired SimulatedCatalog catalog;
    @Autowired EventGateway events;
    @LocalServerPort int port;

    OrderClient orders;

    @BeforeEach
    void prices() {
        orders = new OrderClient(http);
        catalog.product(KETTLE, "Kettle", "24.50", 100);
        catalog.product(TEAPOT, "Teapot", "10.00", 100);
        catalog.silence(KETTLE);
        catalog.silence(TEAPOT);
    }

    @Test
    void anOrderIsPricedByTheCatalogAndShownPlaced() {
        String customer = UUID.randomUUID().toString();
        ResponseEntity<JsonNode> placed = place(customer, null, body(KETTLE, 2, TEAPOT, 1));

        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String orderId = placed.getBody().get("orderId").asText();
        assertThat(placed.getHeaders().getLocation()).hasToString("/orders/" + orderId);
        assertThat(placed.getBody().get("status").asText()).isEqualTo("PLACED");

        JsonNode view = awaitView(customer, orderId, "PLACED");
        assertThat(view.get("orderId").asText()).isEqualTo(orderId);
        assertThat(view.get("customerId").asText()).isEqualTo(customer);
        assertThat(view.get("lines").get(0).get("productId").asText()).isEqualTo(KETTLE.value());
        assertThat(view.get("lines").get(0).get("unitPrice").decimalValue()).isEqualByComparingTo("24.50");
        assertThat(view.get("lines").get(0).get("name").asText()).isEqualTo("Kettle");
        assertThat(view.get("total").decimalValue()).isEqualByComparingTo("59.00");
        assertThat(view.get("currency").asText()).isEqualTo("EUR");
        assertThat(view.get("paymentMethod").asText()).isEqualTo("CARD");
        assertThat(view.get("timeline").get(0).get("step").asText()).isEqualTo("PLACED");
        assertThat(view.get("timeline").get(0).get("at").asText()).isNotBlank();

        ResponseEntity<JsonNode> someoneElse = get("/orders/" + orderId, TestTokens.customer());
        assertThat(someoneElse.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<JsonNode> admin = get("/orders/" + orderId, TestTokens.admin());
        assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theStatusStreamSendsTheCurrentStatusThenEveryChangeUntilTheOrderIsFinal() throws Exception {
        ProductId mug = catalog.product(ProductId.of("mug-" + UUID.randomUUID()), "Mug", "8.00", 5);
        catalog.silence(mug);
        String customer = UUID.randomUUID().toString();
        String orderId = place(customer, null, body(mug, 1, null, 0)).getBody().get("orderId").asText();
        awaitView(customer, orderId, "PLACED");

        List<String> statuses = new CopyOnWriteArrayList<>();
        List<String> paymentStatuses = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders/" + orderId + "/status-stream"))
                .header("Authorization", TestTokens.bearer(TestTokens.customer(customer)))
                .header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> stream = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reader = stream.thenAcceptAsync(response -> response.body()
                .filter(line -> line.startsWith("data:"))
                .forEach(line -> {
                    JsonNode view = parse(line.substring("data:".length()));
                    statuses.add(view.get("status").asText());
                    paymentStatuses.add(view.get("paymentStatus").asText());
                }));
        await().atMost(Duration.ofSeconds(20)).until(() -> statuses.contains("PLACED"));
        assertThat(statuses.get(0)).isEqualTo("PLACED");

        catalog.resume(mug); // the saga gets its reservation, asks for payment (captured) and confirms

        reader.get(60, java.util.concurrent.TimeUnit.SECONDS); // the stream completes at the final status
        assertThat(statuses.get(statuses.size() - 1)).isEqualTo("CONFIRMED");
        assertThat(statuses.stream().distinct().toList())
                .containsExactly("PLACED", "STOCK_RESERVED", "PAYMENT_PENDING", "CONFIRMED");
        assertThat(paymentStatuses).contains("CAPTURED");
        assertThat(stream.get().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyPlaceOneOrder() throws Exception {
        String customer = UUID.randomUUID().toString();
        String key = "checkout-" + UUID.randomUUID();
        Map<String, Object> body = body(KETTLE, 1, TEAPOT, 3);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<ResponseEntity<JsonNode>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                answers.add(pool.submit((Callable<ResponseEntity<JsonNode>>) () -> place(customer, key, body)));
            }
            Set<String> ids = answers.stream().map(OrderServiceTest::join)
                    .peek(answer -> assertThat(answer.getStatusCode().value()).isIn(200, 202))
                    .map(answer -> answer.getBody().get("orderId").asText())
                    .collect(Collectors.toSet());
            assertThat(ids).hasSize(1);
            assertThat(answers.stream().map(OrderServiceTest::join).filter(a -> a.getStatusCode() == HttpStatus.ACCEPTED))
                    .as("exactly one request created the order").hasSize(1);
            String orderId = ids.iterator().next();
            awaitView(customer, orderId, "PLACED");
            assertThat(jdbc.queryForObject("select count(*) from order_placement where customer_id = ?", Integer.class, customer))
                    .isEqualTo(1);
            assertThat(ordersOf(customer).get("totalElements").asInt()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRetryAfterACrashBetweenCommandAndBookkeepingReturnsTheSameOrder() {
        String customer = UUID.randomUUID().toString();
        String key = "crash-" + UUID.randomUUID();
        String orderId = place(customer, key, body(TEAPOT, 1, null, 0)).getBody().get("orderId").asText();
        awaitView(customer, orderId, "PLACED");
        // As if the service died after the aggregate accepted PlaceOrder but before it noted so.
        transactions.executeWithoutResult(status ->
                jdbc.update("update order_placement set state = 'SENDING' where order_id = ?", orderId));

        ResponseEntity<JsonNode> retry = place(customer, key, body(TEAPOT, 1, null, 0));

        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retry.getBody().get("orderId").asText()).isEqualTo(orderId);
        assertThat(jdbc.queryForObject("select state from order_placement where order_id = ?", String.class, orderId))
                .isEqualTo("PLACED");
        assertThat(ordersOf(customer).get("totalElements").asInt()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndCreatesNothing() {
        String customer = UUID.randomUUID().toString();
        String key = "k-" + UUID.randomUUID();
        place(customer, key, body(TEAPOT, 1, null, 0));

        ResponseEntity<JsonNode> other = place(customer, key, body(TEAPOT, 2, null, 0));

        assertThat(other.getStatusCode().value()).isEqualTo(422);
        assertThat(other.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from order_placement where customer_id = ?", Integer.class, customer))
                .isEqualTo(1);
    }

    @Test
    void aCustomerCancelsTheirOrderButNotSomeoneElsesAndNotARejectedOne() {
        String customer = UUID.randomUUID().toString();
        String orderId = place(customer, null, body(KETTLE, 1, null, 0)).getBody().get("orderId").asText();

        assertThat(cancel(orderId, TestTokens.customer()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(cancel("no-such-order", TestTokens.customer(customer)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<JsonNode> accepted = cancel(orderId, TestTokens.customer(customer));
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(20)).until(() -> steps(customer, orderId).contains("CANCELLATION_REQUESTED"));

        ProductId soldOut = catalog.product(ProductId.of("sold-out-" + UUID.randomUUID()), "Sold out", "5.00", 0);
        String other = place(customer, null, body(soldOut, 1, null, 0)).getBody().get("orderId").asText();
        JsonNode rejected = awaitView(customer, other, "REJECTED");
        assertThat(rejected.get("rejectionReason").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(rejected.get("rejectionDetail").asText()).contains(soldOut.value());
        ResponseEntity<JsonNode> refused = cancel(other, TestTokens.customer(customer));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    // --- helpers ---

    /**
     * The catalog's product events reach the order service's price list through the hub; once it
     * has caught up it prices orders by itself: the simulated catalog has never heard of this
     * product and would refuse it as unknown.
     */
    @Test
    void ordersArePricedFromTheCatalogsEventsOnceThePriceListIsCurrent() {
        ProductId lamp = ProductId.of("lamp-" + UUID.randomUUID());
        String customer = UUID.randomUUID().toString();
        catalog.silence(lamp);
        events.publish(new ProductAdded(lamp, "LAMP-1", "Lamp", "a lamp", "home", new BigDecimal("30.00"), "EUR", 5));

        await().atMost(Duration.ofSeconds(20)).until(() -> place(customer, null, body(lamp, 1, null, 0))
                .getStatusCode() == HttpStatus.ACCEPTED);
        events.publish(new ProductPriceChanged(lamp, new BigDecimal("35.00"), "EUR"));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            ResponseEntity<JsonNode> placed = place(customer, null, body(lamp, 1, null, 0));
            JsonNode view = awaitView(customer, placed.getBody().get("orderId").asText(), "PLACED");
            return view.get("lines").get(0).get("unitPrice").decimalValue().compareTo(new BigDecimal("35.00")) == 0;
        });
        events.publish(new ProductDiscontinued(lamp));
        await().atMost(Duration.ofSeconds(20)).until(() -> place(customer, null, body(lamp, 1, null, 0))
                .getStatusCode() == HttpStatus.BAD_REQUEST);

        ResponseEntity<JsonNode> refused = place(customer, null, body(lamp, 1, null, 0));
        assertThat(refused.getBody().get("code").asText()).isEqualTo("product-discontinued");
        assertThat(catalog.priceQueries()).as("the catalog was never asked about the lamp")
                .noneMatch(query -> query.productIds().contains(lamp));
    }

    private ResponseEntity<JsonNode> place(String customer, String key, Map<String, Object> body) {
        return orders.place(customer, key, body);
    }

    private ResponseEntity<JsonNode> cancel(String orderId, String token) {
        return orders.cancel(orderId, token);
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        return orders.get(path, token);
    }

    private JsonNode awaitView(String customer, String orderId, String status) {
        return orders.awaitView(customer, orderId, status);
    }

    private List<String> steps(String customer, String orderId) {
        return orders.steps(customer, orderId);
    }

    private JsonNode ordersOf(String customer) {
        return get("/orders?size=50", TestTokens.customer(customer)).getBody();
    }

    private static Map<String, Object> body(ProductId first, int firstQuantity, ProductId second, int secondQuantity) {
        return OrderClient.body(first, firstQuantity, second, secondQuantity);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
