package io.sagashop.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sagashop.catalog.api.ProductAdded;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.platform.test.TestHub;
import io.sagashop.recommendation.api.FindRecommendationsQuery;
import io.sagashop.recommendation.api.RecommendationListView;
import io.sagashop.recommendation.api.RecommendationView;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The documented no-MySQL fallback, as {@code ./shop} runs it: the same Flyway scripts (INSERT
 * IGNORE included) work on H2 in MySQL mode, connected to the hub, and suggestions come out.
 * (Through the hub because this service has no JPA, so no event store of its own:
 * docs/performance.md, session 13.)
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:recommendations_h2;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password="})
@DirtiesContext
class H2FallbackTest {

    @DynamicPropertySource
    static void theTestHub(DynamicPropertyRegistry registry) {
        TestHub.connect(registry, "recommendation-h2");
    }

    @Autowired
    EventGateway events;
    @Autowired
    QueryGateway queries;

    @Test
    void aConfirmedOrderLeadsToASuggestionOnH2Too() {
        ProductId pen = ProductId.of("pen");
        ProductId ink = ProductId.of("ink");
        events.publish(new ProductAdded(pen, "PEN", "Pen", "", "Office", BigDecimal.ONE, "EUR", 5));
        events.publish(new ProductAdded(ink, "INK", "Ink", "", "Office", BigDecimal.ONE, "EUR", 5));
        OrderConfirmed order = new OrderConfirmed(OrderId.generate(), "ann",
                List.of(new OrderLine(pen, "PEN", "Pen", 1, BigDecimal.ONE), new OrderLine(ink, "INK", "Ink", 1, BigDecimal.ONE)),
                new BigDecimal("2"), "EUR", PaymentId.random());
        events.publish(order);
        events.publish(order);

        List<RecommendationView> withPen = await().atMost(Duration.ofSeconds(60)).until(() -> queries.query(
                        FindRecommendationsQuery.forProduct(pen, 5), RecommendationListView.class).join().recommendations(),
                found -> !found.isEmpty());

        assertThat(withPen).singleElement().satisfies(view -> {
            assertThat(view.productId()).isEqualTo(ink);
            assertThat(view.explanation()).isEqualTo("bought together with Pen by 1 customer");
        });
    }
}
