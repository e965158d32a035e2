package io.sagashop.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sagashop.catalog.api.ProductAdded;
import io.sagashop.catalog.api.ProductDetailsUpdated;
import io.sagashop.catalog.api.ProductDiscontinued;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.platform.DomainError;
import io.sagashop.platform.test.ServiceTest;
import io.sagashop.platform.test.TestTokens;
import io.sagashop.recommendation.api.FindRecommendationsQuery;
import io.sagashop.recommendation.api.RecommendationListView;
import io.sagashop.recommendation.api.RecommendationView;
import io.sagashop.user.api.NotificationPreferences;
import io.sagashop.user.api.Role;
import io.sagashop.user.api.UserId;
import io.sagashop.user.api.UserPreferencesChanged;
import io.sagashop.user.api.UserRegistered;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole service on MariaDB against the hub: catalog, user and order events published through
 * the hub (as those services would) build the views, and {@code GET /recommendations} and the
 * Axon query rank from them. Every test uses ids of its own, since the tests share one store.
 */
@ServiceTest
class RecommendationServiceTest {

    private static final String VIEWS = "recommendation-views";

    @Autowired
    EventGateway events;
    @Autowired
    QueryGateway queries;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient db;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void afterConfirmedOrdersTheProductsBoughtTogetherRankFirstOverHttpAndTheQueryBus() {
        Shop shop = new Shop();
        shop.product("kettle", "Kettle", "Kitchen");
        shop.product("teapot", "Teapot", "Kitchen");
        shop.product("mug", "Mug", "Kitchen");
        shop.product("book", "Tea book", "Books");
        shop.product("lamp", "Lamp", "Home");
        shop.fromProduct("lamp", new ProductDiscontinued(shop.id("lamp")));
        shop.fromProduct("mug", new ProductDetailsUpdated(shop.id("mug"), "Big mug", "a big mug", "Kitchen"));
        shop.fromUser("erin", new UserRegistered(UserId.of(shop.customer("erin")), "erin@example.com", "Erin", null,
                NotificationPreferences.defaults(), Role.CUSTOMER));
        shop.fromUser("erin", new UserPreferencesChanged(UserId.of(shop.customer("erin")),
                NotificationPreferences.defaults(), List.of("books")));
        shop.confirm("alice", "kettle", "teapot", "mug");
        shop.confirm("bob", "kettle", "teapot");
        shop.confirm("carol", "kettle", "mug", "lamp");
        shop.confirm("dave", "kettle", "book");
        shop.confirm("erin", "teapot");
        shop.confirm("frank", "kettle", "teapot");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode body = get("/recommendations?productId=" + shop.id("kettle") + "&limit=10",
                    TestTokens.customer(shop.customer("zoe"))).getBody();
            assertThat(ids(body)).containsExactly(shop.id("teapot").value(), shop.id("mug").value(), shop.id("book").value());
            assertThat(body.at("/recommendations/0/score").asInt()).isEqualTo(3);
            assertThat(body.at("/recommendations/0/explanation").asText()).isEqualTo("bought together with Kettle by 3 customers");
            assertThat(body.at("/recommendations/1/name").asText()).isEqualTo("Big mug");
        });

        // erin has the teapot: the kettle (3 customers with the teapot), then her favourite
        // category's book, then the mug (1 customer with the teapot)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<RecommendationView> forErin = queries.query(
                    FindRecommendationsQuery.forCustomer(shop.customer("erin"), 10), RecommendationListView.class)
                    .join().recommendations();
            assertThat(forErin).extracting(view -> view.productId().value())
                    .containsExactly(shop.id("kettle").value(), shop.id("book").value(), shop.id("mug").value());
            assertThat(forErin.get(1).explanation()).isEqualTo("in your favourite category Books");
        });
        ResponseEntity<JsonNode> overHttp = get("/recommendations?customerId=" + shop.customer("erin") + "&limit=1",
                TestTokens.customer(shop.customer("erin")));
        assertThat(overHttp.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ids(overHttp.getBody())).containsExactly(shop.id("kettle").value());
        assertThat(get("/recommendations?customerId=" + shop.customer("erin"), TestTokens.customer(shop.customer("bob")))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void replayingTheSameEventsTwiceChangesNoCount() {
        Shop shop = new Shop();
        shop.product("pen", "Pen", "Office");
        shop.product("ink", "Ink", "Office");
        OrderConfirmed first = shop.confirm("ann", "pen", "ink");
        shop.confirm("ben", "pen", "ink");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(scores(shop, "pen")).containsExactly(2));

        events.publish(first);
        events.publish(new ProductAdded(shop.id("ink"), "sku", "Ink, renamed by a stale replay", "", "Office",
                BigDecimal.ONE, "EUR", 1));
        awaitViewsCaughtUp();

        assertThat(scores(shop, "pen")).containsExactly(2);
        assertThat(purchasesOf(shop)).isEqualTo(4);
        assertThat(db.sql("SELECT name FROM known_product WHERE product_id = ?").param(shop.id("ink").value())
                .query(String.class).single()).isEqualTo("Ink");
    }

    @Test
    void aCancelledOrderIsNoPurchaseEvenWhenItsConfirmationArrivesAgain() {
        Shop shop = new Shop();
        shop.product("bat", "Bat", "Sport");
        shop.product("ball", "Ball", "Sport");
        OrderConfirmed refunded = shop.confirm("cat", "bat", "ball");
        shop.confirm("dan", "bat", "ball");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(scores(shop, "bat")).containsExactly(2));

        events.publish(new OrderCancelled(refunded.orderId(), refunded.customerId(), refunded.lines(),
                refunded.total(), "EUR", true));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(scores(shop, "bat")).containsExactly(1));

        events.publish(refunded);
        awaitViewsCaughtUp();
        assertThat(scores(shop, "bat")).containsExactly(1);
        assertThat(purchasesOf(shop)).isEqualTo(2);
    }

    @Test
    void eventsPublishedWhileTheViewsAreStoppedAreCaughtUpFromTheStoredToken() {
        Shop shop = new Shop();
        shop.product("cup", "Cup", "Kitchen");
        shop.product("saucer", "Saucer", "Kitchen");
        awaitViewsCaughtUp();
        StreamingEventProcessor views = processing.eventProcessor(VIEWS, StreamingEventProcessor.class).orElseThrow();
        assertThat(db.sql("SELECT COUNT(*) FROM token_entry WHERE processor_name = ?").param(VIEWS)
                .query(Integer.class).single()).as("the token is kept in this service's schema").isPositive();

        views.shutDown();
        try {
            shop.confirm("eve", "cup", "saucer");
            shop.confirm("fay", "cup", "saucer");
            assertThat(purchasesOf(shop)).as("nothing is processed while stopped").isZero();
        } finally {
            views.start();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(scores(shop, "cup")).containsExactly(2));
    }

    @Test
    void theQueryBusRefusesAQuestionWithoutCustomerOrProductNamingTheField() {
        Throwable refused = catchThrowable(() ->
                queries.query(new FindRecommendationsQuery(null, null, 10), RecommendationListView.class).join());

        assertThat(refused).isInstanceOf(CompletionException.class);
        assertThat(refused.getCause()).isInstanceOf(HandlerExecutionException.class);
        DomainError error = ((HandlerExecutionException) refused.getCause()).<DomainError>getDetails().orElseThrow();
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.field()).isEqualTo("customerId");
    }

    private List<Integer> scores(Shop shop, String product) {
        return queries.query(FindRecommendationsQuery.forProduct(shop.id(product), 50), RecommendationListView.class)
                .join().recommendations().stream().map(RecommendationView::score).toList();
    }

    private int purchasesOf(Shop shop) {
        return db.sql("SELECT COUNT(*) FROM purchase WHERE product_id LIKE ?").param("%-" + shop.suffix)
                .query(Integer.class).single();
    }

    /** Every segment of the views' processor has passed the last event in the store. */
    private void awaitViewsCaughtUp() {
        TrackingToken head = eventStore.createHeadToken();
        long last = head.position().orElseThrow();
        StreamingEventProcessor views = processing.eventProcessor(VIEWS, StreamingEventProcessor.class).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var statuses = views.processingStatus().values();
            double covered = statuses.stream().mapToDouble(status -> 1.0 / (status.getSegment().getMask() + 1)).sum();
            assertThat(covered).as("all segments claimed").isEqualTo(1.0);
            assertThat(statuses).allSatisfy(status -> assertThat(position(status)).isGreaterThanOrEqualTo(last));
        });
    }

    private static long position(EventTrackerStatus status) {
        return status.getCurrentPosition().orElse(-1);
    }

    private ResponseEntity<JsonNode> get(String url, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(url, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
    }

    private static List<String> ids(JsonNode body) {
        return body.get("recommendations").findValuesAsText("productId");
    }

    /**
     * Ids of one test (names with a suffix no other test uses), and events as the other services
     * publish them: catalog and user events from their aggregates, so that one product's or one
     * user's events keep their order on the way through the views' segments.
     */
    private final class Shop {
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        private final Map<String, Long> sequences = new HashMap<>();

        ProductId id(String name) {
            return ProductId.of(name + "-" + suffix);
        }

        String customer(String name) {
            return name + "-" + suffix;
        }

        void product(String name, String displayName, String category) {
            fromProduct(name, new ProductAdded(id(name), name.toUpperCase(), displayName, "", category,
                    new BigDecimal("9.90"), "EUR", 100));
        }

        void fromProduct(String name, Object event) {
            fromAggregate("Product", id(name).value(), event);
        }

        void fromUser(String name, Object event) {
            fromAggregate("User", customer(name), event);
        }

        private void fromAggregate(String type, String id, Object event) {
            long sequence = sequences.merge(id, 1L, Long::sum) - 1;
            events.publish(new GenericDomainEventMessage<>(type, id, sequence, event));
        }

        OrderConfirmed confirm(String customer, String... products) {
            List<OrderLine> lines = Arrays.stream(products)
                    .map(product -> new OrderLine(id(product), product.toUpperCase(), product, 1, new BigDecimal("9.90")))
                    .toList();
            BigDecimal total = new BigDecimal("9.90").multiply(BigDecimal.valueOf(lines.size()));
            OrderConfirmed confirmed = new OrderConfirmed(OrderId.generate(), customer(customer), lines, total, "EUR",
                    PaymentId.random());
            events.publish(confirmed);
            return confirmed;
        }
    }
}
