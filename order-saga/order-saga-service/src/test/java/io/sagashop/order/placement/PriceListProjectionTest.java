package io.sagashop.order.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sagashop.catalog.api.ProductAdded;
import io.sagashop.catalog.api.ProductDetailsUpdated;
import io.sagashop.catalog.api.ProductDiscontinued;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ProductPriceChanged;
import io.sagashop.catalog.api.ProductPriceView;
import io.sagashop.platform.test.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The order service's copy of the catalog's prices, on MariaDB as the service migrates it. */
class PriceListProjectionTest {

    private static final ProductId KETTLE = ProductId.of("kettle");
    private static final ProductId MUG = ProductId.of("mug");

    private String schema;
    private PriceList prices;
    private PriceListProjection projection;
    private org.springframework.jdbc.core.JdbcTemplate jdbc;

    @BeforeEach
    void migratedSchema() {
        schema = TestDatabase.createSchema("price_list");
        var dataSource = new DriverManagerDataSource(TestDatabase.jdbcUrl(schema), TestDatabase.username(),
                TestDatabase.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/axon", "classpath:db/migration",
                "classpath:db/saga-inspection").outOfOrder(true).load().migrate();
        prices = new PriceList(dataSource);
        jdbc = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        projection = new PriceListProjection(prices);
    }

    @AfterEach
    void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void aProductIsPricedAsItsLastEventsSay() {
        projection.on(added(KETTLE, "24.50"));
        projection.on(added(MUG, "3.00"));
        projection.on(new ProductPriceChanged(KETTLE, new BigDecimal("19.99"), "USD"));
        projection.on(new ProductDetailsUpdated(KETTLE, "Kettle, steel", "new description", "kitchen"));
        projection.on(new ProductDiscontinued(MUG));

        assertThat(prices.find(List.of(KETTLE, MUG, ProductId.of("lamp")))).containsOnlyKeys(KETTLE, MUG)
                .containsEntry(KETTLE, new ProductPriceView(KETTLE, "SKU-kettle", "Kettle, steel", new BigDecimal("19.99"),
                        "USD", false))
                .containsEntry(MUG, new ProductPriceView(MUG, "SKU-mug", "mug", new BigDecimal("3.00"), "EUR", true));
        assertThat(prices.find(List.of())).isEmpty();
    }

    @Test
    void aReplayedAdditionStartsTheProductOverAndAResetEmptiesTheList() {
        projection.on(added(KETTLE, "24.50"));
        projection.on(new ProductDiscontinued(KETTLE));
        projection.on(added(KETTLE, "24.50"));

        assertThat(prices.find(List.of(KETTLE)).get(KETTLE).discontinued()).isFalse();

        projection.reset();
        assertThat(prices.find(List.of(KETTLE))).isEmpty();
    }

    @Test
    void aChangeOfAProductWithoutARowAddsNothing() {
        projection.on(new ProductPriceChanged(KETTLE, new BigDecimal("1.00"), "EUR"));
        projection.on(new ProductDiscontinued(KETTLE));
        projection.on(new ProductDetailsUpdated(KETTLE, "Kettle", "d", "c"));

        assertThat(prices.find(List.of(KETTLE))).isEmpty();
    }

    @Test
    void aProductReadIsKeptUntilItChangesHereOrItsTimeIsUp() {
        projection.on(added(KETTLE, "24.50"));
        assertThat(prices.find(List.of(KETTLE)).get(KETTLE).price()).isEqualByComparingTo("24.50");

        // written by someone else (another instance that held the segment): not seen while kept
        jdbc.update("UPDATE price_list SET price = 30.00 WHERE product_id = 'kettle'");
        assertThat(prices.find(List.of(KETTLE)).get(KETTLE).price()).isEqualByComparingTo("24.50");

        // changed by this instance's projection: seen at once
        projection.on(new ProductPriceChanged(KETTLE, new BigDecimal("19.99"), "EUR"));
        assertThat(prices.find(List.of(KETTLE)).get(KETTLE).price()).isEqualByComparingTo("19.99");

        jdbc.update("UPDATE price_list SET price = 30.00 WHERE product_id = 'kettle'");
        await().atMost(PriceList.KEPT_FOR.plusSeconds(3)).untilAsserted(() ->
                assertThat(prices.find(List.of(KETTLE)).get(KETTLE).price()).isEqualByComparingTo("30.00"));
    }

    private static ProductAdded added(ProductId id, String price) {
        return new ProductAdded(id, "SKU-" + id.value(), id.value(), "a " + id.value(), "kitchen", new BigDecimal(price),
                "EUR", 10);
    }
}
