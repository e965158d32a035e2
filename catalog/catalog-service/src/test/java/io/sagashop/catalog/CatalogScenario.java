package io.sagashop.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.catalog.api.*;
import io.sagashop.platform.test.TestTokens;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.sagashop.platform.axon.PlatformAxonAutoConfiguration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.ClassUtils;

/**
 * The whole catalog service on a fresh database: drives the HTTP API, reserves stock through the
 * command gateway as the order saga would, and reads the projections back over HTTP and through
 * Axon queries. Run against the hub on MariaDB by {@link CatalogServiceTest} and on H2 by
 * {@link CatalogH2FallbackTest}.
 */
abstract class CatalogScenario {

    private static final Duration PROJECTION = Duration.ofSeconds(20);
    /** Set as {@code sagashop.catalog.product.snapshot-threshold} by the test classes. */
    static final int SNAPSHOT_THRESHOLD = 6;

    @Autowired
    TestRestTemplate http;
    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    EventGateway events;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    Serializer serializer;
    @Autowired
    @Qualifier(PlatformAxonAutoConfiguration.AGGREGATE_CACHE)
    Cache aggregateCache;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void addRestockSearchReserveAndReadTheProjectionsBack() {
        String kettle = add("KET-1", "Steel kettle", "Boils water fast", "kitchen", "19.90", 5);
        String teapot = add("TEA-1", "Teapot", "Porcelain, for loose tea", "kitchen", "25.00", 3);
        String lamp = add("LMP-1", "Desk lamp", "Warm light, no kettle", "office", "40.00", 10);

        assertThat(admin(HttpMethod.POST, "/products/" + kettle + "/restock", Map.of("quantity", 10)).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(PROJECTION).untilAsserted(() ->
                assertThat(product(kettle).get("availableStock").asInt()).isEqualTo(15));

        // Text over name and description, category and price filters, paging and sorting.
        await().atMost(PROJECTION).untilAsserted(() ->
                assertThat(ids(search("q=kettle&sort=name,asc"))).containsExactly(lamp, kettle));
        assertThat(ids(search("category=kitchen&minPrice=20"))).containsExactly(teapot);
        JsonNode secondPage = search("category=kitchen&size=1&page=1&sort=price,asc");
        assertThat(ids(secondPage)).containsExactly(teapot);
        assertThat(secondPage.get("totalItems").asLong()).isEqualTo(2);
        assertThat(secondPage.get("totalPages").asInt()).isEqualTo(2);
        assertThat(ids(search("category=kitchen&maxPrice=30&sort=price,desc"))).containsExactly(teapot, kettle);

        // The order saga's reservation, through the hub; the repeat answers the same.
        StockReservationResult reserved = commands.sendAndWait(new ReserveStock(ProductId.of(kettle), "order-1", 4));
        assertThat(reserved).isEqualTo(new StockReservationResult(ProductId.of(kettle), "order-1", 4,
                ReservationStatus.RESERVED, null, new BigDecimal("19.90"), "EUR"));
        assertThat((StockReservationResult) commands.sendAndWait(new ReserveStock(ProductId.of(kettle), "order-1", 4)))
                .isEqualTo(reserved);
        StockReservationResult unknown = commands.sendAndWait(new ReserveStock(ProductId.of("no-such-product"), "order-1", 1));
        assertThat(unknown.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(unknown.rejectionReason()).isEqualTo(StockRejectionReason.UNKNOWN_PRODUCT);

        await().atMost(PROJECTION).untilAsserted(() -> {
            assertThat(stockLevels(kettle)).isEqualTo(new StockLevelsView(ProductId.of(kettle), "KET-1", 15, 11, 4, 0,
                    List.of(new OpenReservationView("order-1", 4))));
            assertThat(product(kettle).get("availableStock").asInt()).isEqualTo(11);
        });

        commands.sendAndWait(new CommitStock(ProductId.of(kettle), "order-1"));
        await().atMost(PROJECTION).untilAsserted(() ->
                assertThat(stockLevels(kettle)).isEqualTo(new StockLevelsView(ProductId.of(kettle), "KET-1", 15, 11, 0, 4, List.of())));
        StockLevelsListView all = queries.query(FindStockLevelsQuery.all(), StockLevelsListView.class).join();
        assertThat(all.levels()).extracting(v -> v.productId().value()).contains(kettle, teapot, lamp);
        assertThat(all.balanced()).isTrue();

        // Product detail through the hub: present, and empty for an unknown id.
        assertThat(queries.query(new FindProductQuery(ProductId.of(kettle)), ResponseTypes.optionalInstanceOf(ProductView.class))
                .join()).hasValueSatisfying(v -> assertThat(v.availableStock()).isEqualTo(11));
        assertThat(queries.query(new FindProductQuery(ProductId.of("nope")), ResponseTypes.optionalInstanceOf(ProductView.class))
                .join()).isEmpty();

        // Prices for the order side, through the hub; unknown ids are left out.
        PriceListView prices = queries.query(new FindPricesQuery(List.of(ProductId.of(kettle), ProductId.of("nope"))),
                PriceListView.class).join();
        assertThat(prices.prices()).containsExactly(
                new ProductPriceView(ProductId.of(kettle), "KET-1", "Steel kettle", new BigDecimal("19.90"), "EUR", false));

        // Discontinued products leave the search; their detail still answers.
        assertThat(admin(HttpMethod.DELETE, "/products/" + lamp, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(PROJECTION).untilAsserted(() ->
                assertThat(ids(search("q=kettle"))).containsExactly(kettle));
        assertThat(product(lamp).get("discontinued").asBoolean()).isTrue();
    }

    @Test
    void aReleaseThatOvertakesItsReservationKeepsTheStock() {
        ProductId cup = ProductId.of(add("CUP-1", "Cup", "Espresso", "tableware", "4.00", 3));

        StockReservationResult released = commands.sendAndWait(new ReleaseStock(cup, "late-order"));
        assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(released.quantity()).isZero();
        StockReservationResult late = commands.sendAndWait(new ReserveStock(cup, "late-order", 2));
        assertThat(late.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(late.rejectionReason()).isEqualTo(StockRejectionReason.ORDER_RELEASED);

        await().atMost(PROJECTION).untilAsserted(() -> {
            assertThat(stockLevels(cup.value())).isEqualTo(new StockLevelsView(cup, "CUP-1", 3, 3, 0, 0, List.of()));
            assertThat(product(cup.value()).get("availableStock").asInt()).isEqualTo(3);
        });
    }

    /**
     * The test classes set {@code snapshot-threshold} to {@value #SNAPSHOT_THRESHOLD}: after more
     * events than that a load starts from a snapshot, and the product read back from it (the
     * cache emptied) still knows every order it should.
     */
    @Test
    void aProductLoadedFromItsSnapshotRemembersItsOrders() {
        ProductId pan = ProductId.of(add("PAN-1", "Pan", "Cast iron", "kitchen", "30.00", 10));
        commands.sendAndWait(new ReleaseStock(pan, "released-first"));
        for (int i = 0; i < SNAPSHOT_THRESHOLD; i++) {
            commands.sendAndWait(new ReserveStock(pan, "order-" + i, 1));
            commands.sendAndWait(i % 2 == 0 ? new CommitStock(pan, "order-" + i) : new ReleaseStock(pan, "order-" + i));
        }
        commands.sendAndWait(new ReserveStock(pan, "still-open", 2));

        await().atMost(PROJECTION).untilAsserted(() ->
                assertThat(eventStore.readEvents(pan.value()).peek().getPayloadType().getName())
                        .isEqualTo("io.sagashop.catalog.product.Product"));
        // Read back (deserialized) and written again, the snapshot still holds the orders (any
        // snapshot covers at least the first threshold's events: the release marker and order-0).
        Object snapshot = eventStore.readEvents(pan.value()).peek().getPayload();
        assertThat(serializer.serialize(snapshot, String.class).getData()).contains("\"released-first\"", "\"order-0\"");
        aggregateCache.removeAll();

        assertThat(commands.<StockReservationResult>sendAndWait(new ReserveStock(pan, "released-first", 1)).rejectionReason())
                .isEqualTo(StockRejectionReason.ORDER_RELEASED);
        assertThat(commands.<StockReservationResult>sendAndWait(new ReserveStock(pan, "order-1", 1)).status())
                .isEqualTo(ReservationStatus.RELEASED);
        assertThat(commands.<StockReservationResult>sendAndWait(new ReturnStock(pan, "order-0", 1)).status())
                .isEqualTo(ReservationStatus.RETURNED);
        assertThat(commands.<StockReservationResult>sendAndWait(new CommitStock(pan, "still-open")).status())
                .isEqualTo(ReservationStatus.COMMITTED);
        // 10 received, 3 sold, 1 of them returned, the open 2 sold: 10 - 3 + 1 - 2 = 6 left.
        StockReservationResult last = commands.sendAndWait(new ReserveStock(pan, "last", 6));
        assertThat(last.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(commands.<StockReservationResult>sendAndWait(new ReserveStock(pan, "one-too-many", 1)).rejectionReason())
                .isEqualTo(StockRejectionReason.INSUFFICIENT_STOCK);
    }

    /** The pom leaves JPA out: transactions run on the DataSource, without a persistence context around each. */
    @Test
    void transactionsRunOnTheDataSourceWithoutJpa() {
        assertThat(transactionManager).isInstanceOf(JdbcTransactionManager.class);
        assertThat(ClassUtils.isPresent("jakarta.persistence.EntityManager", null)).isFalse();
    }

    @Test
    void aPageBeyondTheLastOneMayAskForIsABadRequestNamingIt() {
        ResponseEntity<JsonNode> huge = http.getForEntity("/products?page=2147483647", JsonNode.class);
        assertThat(huge.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(huge.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(huge.getBody().get("errors").findValuesAsText("field")).containsExactly("page");
        assertThat(ids(search("page=10000&size=100"))).isEmpty();
    }

    @Test
    void anEventAProjectionCannotApplyIsDeadLetteredAndTheOthersGoOn() {
        events.publish(new ProductRestocked(ProductId.of("ghost-" + UUID.randomUUID()), 3));
        String bowl = add("BWL-1", "Bowl", "Stoneware", "bowls", "5.00", 2);

        await().atMost(PROJECTION).untilAsserted(() -> {
            assertThat(product(bowl).get("availableStock").asInt()).isEqualTo(2);
            assertThat(stockLevels(bowl).received()).isEqualTo(2);
            for (String group : List.of("catalog-search", "catalog-stock")) {
                assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = ? "
                        + "and payload_type = ?", Integer.class, group, ProductRestocked.class.getName()))
                        .as(group).isEqualTo(1);
            }
        });
    }

    @Test
    void refusalsComeBackAsProblemsThroughTheHub() {
        add("MUG-1", "Mug", "Holds tea", "tableware", "7.50", 1);

        ResponseEntity<JsonNode> taken = admin(HttpMethod.POST, "/products", Map.of("sku", "MUG-1", "name", "Other mug",
                "description", "", "category", "tableware", "price", 8, "currency", "EUR", "initialStock", 1));
        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(taken.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(taken.getBody().get("errors").get(0).get("field").asText()).isEqualTo("sku");

        ResponseEntity<JsonNode> unknown = admin(HttpMethod.POST, "/products/no-such-product/restock", Map.of("quantity", 1));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("code").asText()).isEqualTo("not-found");

        ResponseEntity<JsonNode> customer = http.exchange("/products", HttpMethod.POST, new HttpEntity<>(Map.of("sku", "MUG-2",
                "name", "Mug", "description", "", "category", "tableware", "price", 8, "currency", "EUR", "initialStock", 1),
                headers(TestTokens.customer())), JsonNode.class);
        assertThat(customer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private String add(String sku, String name, String description, String category, String price, int stock) {
        ResponseEntity<JsonNode> created = admin(HttpMethod.POST, "/products", Map.of("sku", sku, "name", name,
                "description", description, "category", category, "price", new BigDecimal(price), "currency", "EUR",
                "initialStock", stock));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        URI location = created.getHeaders().getLocation();
        String id = created.getBody().get("id").asText();
        assertThat(location).isNotNull();
        assertThat(location.getPath()).isEqualTo("/products/" + id);
        return id;
    }

    private ResponseEntity<JsonNode> admin(HttpMethod method, String path, Object body) {
        return http.exchange(path, method, new HttpEntity<>(body, headers(TestTokens.admin())), JsonNode.class);
    }

    private static HttpHeaders headers(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    private JsonNode product(String id) {
        ResponseEntity<JsonNode> response = http.getForEntity("/products/" + id, JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private JsonNode search(String query) {
        ResponseEntity<JsonNode> response = http.getForEntity("/products?" + query, JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").findValuesAsText("id");
    }

    private StockLevelsView stockLevels(String id) {
        List<StockLevelsView> levels = queries.query(FindStockLevelsQuery.of(ProductId.of(id)), StockLevelsListView.class)
                .join().levels();
        assertThat(levels).hasSize(1);
        return levels.get(0);
    }
}
