package io.sagashop.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sagashop.catalog.CatalogSchema;
import io.sagashop.catalog.api.*;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The search projection over its SQL on MariaDB, migrated as the service migrates it: each event's effect on the row. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductProjectionTest {

    static final ProductId ID = ProductId.of("p-1");
    static final BigDecimal PRICE = new BigDecimal("19.90");
    static final Instant ADDED_AT = Instant.parse("2026-11-26T10:00:00Z");
    static final ProductAdded ADDED = new ProductAdded(ID, "KET-1", "Kettle", "Boils water", "kitchen", PRICE, "EUR", 10);

    private CatalogSchema schema;
    private ProductProjection projection;
    private ProductQueries queries;

    @BeforeAll
    void migratedSchema() {
        schema = CatalogSchema.mariaDb("catalog_search");
        ProductEntries entries = new ProductEntries(schema.dataSource());
        projection = new ProductProjection(entries);
        queries = new ProductQueries(entries);
    }

    @AfterAll
    void dropSchema() {
        schema.close();
    }

    @BeforeEach
    void anAddedKettle() {
        projection.reset();
        projection.on(ADDED, ADDED_AT);
    }

    private ProductView view() {
        return queries.handle(new FindProductQuery(ID));
    }

    @Test
    void anAddedProductIsShownWithItsInitialStock() {
        assertThat(view()).isEqualTo(new ProductView(ID, "KET-1", "Kettle", "Boils water", "kitchen", PRICE, "EUR", 10, false));
        assertThat(schema.jdbc().queryForObject("SELECT created_at FROM product_entry", java.time.LocalDateTime.class))
                .as("UTC wall-clock time, as Hibernate wrote it").isEqualTo("2026-11-26T10:00:00");
        assertThat(queries.handle(new FindProductQuery(ProductId.of("nope")))).isNull();
    }

    @Test
    void detailsPriceAndDiscontinuationAreShown() {
        projection.on(new ProductDetailsUpdated(ID, "Kettle XL", "Bigger", "appliances"));
        projection.on(new ProductPriceChanged(ID, new BigDecimal("10.00"), "USD"));
        projection.on(new ProductDiscontinued(ID));
        assertThat(view()).isEqualTo(new ProductView(ID, "KET-1", "Kettle XL", "Bigger", "appliances",
                new BigDecimal("10.00"), "USD", 10, true));
    }

    @Test
    void availableStockFollowsRestocksReservationsReleasesAndReturns() {
        projection.on(new ProductRestocked(ID, 5));
        projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR"));
        projection.on(new StockReserved(ID, "o-2", 3, PRICE, "EUR"));
        projection.on(new StockReleased(ID, "o-1", 4));
        assertThat(view().availableStock()).isEqualTo(15 - 3);
        projection.on(new StockReturned(ID, "o-2", 3));
        assertThat(view().availableStock()).isEqualTo(15);
    }

    @Test
    void aPriceListCarriesTheCurrentPricesOfTheKnownProductsOnly() {
        projection.on(new ProductAdded(ProductId.of("p-0"), "MUG-1", "Mug", "Holds tea", "kitchen", new BigDecimal("3.00"), "EUR", 1),
                ADDED_AT);
        projection.on(new ProductPriceChanged(ID, new BigDecimal("21.00"), "EUR"));
        projection.on(new ProductDiscontinued(ProductId.of("p-0")));

        assertThat(queries.handle(new FindPricesQuery(List.of(ID, ProductId.of("nope"), ProductId.of("p-0"), ID))).prices())
                .containsExactly(
                        new ProductPriceView(ProductId.of("p-0"), "MUG-1", "Mug", new BigDecimal("3.00"), "EUR", true),
                        new ProductPriceView(ID, "KET-1", "Kettle", new BigDecimal("21.00"), "EUR", false));
        assertThat(queries.handle(new FindPricesQuery(List.of())).prices()).isEmpty();
    }

    @Test
    void anEventForAProductItHasNotSeenFailsAndWritesNothingSoTheProcessorParksItInsteadOfLosingIt() {
        for (Runnable event : List.<Runnable>of(
                () -> projection.on(new ProductRestocked(ProductId.of("p-unknown"), 1)),
                () -> projection.on(new StockReserved(ProductId.of("p-unknown"), "o-1", 1, PRICE, "EUR")),
                () -> projection.on(new ProductDetailsUpdated(ProductId.of("p-unknown"), "n", "d", "c")),
                () -> projection.on(new ProductPriceChanged(ProductId.of("p-unknown"), PRICE, "EUR")),
                () -> projection.on(new ProductDiscontinued(ProductId.of("p-unknown"))))) {
            assertThatThrownBy(event::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("p-unknown");
        }
        assertThat(schema.jdbc().queryForObject("SELECT count(*) FROM product_entry", Integer.class)).isOne();
    }

    @Test
    void anEventThatChangesNothingStillFindsItsRow() {
        projection.on(new ProductDetailsUpdated(ID, "Kettle", "Boils water", "kitchen"));
        projection.on(new ProductPriceChanged(ID, PRICE, "EUR"));
        projection.on(new ProductDiscontinued(ID));
        projection.on(new ProductDiscontinued(ID));
        projection.on(new StockReleased(ID, "never-reserved", 0));
        assertThat(view().discontinued()).isTrue();
    }

    @Test
    void aProductAddedAppliedAgainStartsTheProductOverSoAReplayOfItsEventsRebuildsIt() {
        List<Runnable> history = List.of(
                () -> projection.on(ADDED, ADDED_AT),
                () -> projection.on(new ProductRestocked(ID, 5)),
                () -> projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR")),
                () -> projection.on(new ProductPriceChanged(ID, new BigDecimal("21.00"), "EUR")));
        history.forEach(Runnable::run);
        ProductView once = view();

        history.forEach(Runnable::run);

        assertThat(view()).isEqualTo(once);
        assertThat(once.availableStock()).isEqualTo(11);
        assertThat(schema.jdbc().queryForObject("SELECT count(*) FROM product_entry", Integer.class)).isOne();
    }

    @Test
    void aResetEmptiesTheTable() {
        projection.reset();
        assertThat(view()).isNull();
    }

    @Test
    void theStatementsRunInTheCallersTransactionSoTheyRollBackWithTheProcessorsToken() {
        TransactionTemplate unitOfWork = new TransactionTemplate(new DataSourceTransactionManager(schema.dataSource()));
        unitOfWork.executeWithoutResult(status -> {
            projection.on(new ProductRestocked(ID, 5));
            projection.on(new ProductAdded(ProductId.of("p-2"), "TEA-1", "Teapot", "", "kitchen", PRICE, "EUR", 3), ADDED_AT);
            status.setRollbackOnly();
        });
        assertThat(view().availableStock()).isEqualTo(10);
        assertThat(queries.handle(new FindProductQuery(ProductId.of("p-2")))).isNull();
    }
}
