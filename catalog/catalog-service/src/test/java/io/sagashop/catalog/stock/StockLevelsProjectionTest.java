package io.sagashop.catalog.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sagashop.catalog.CatalogSchema;
import io.sagashop.catalog.api.*;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The stock projection over its SQL on MariaDB, migrated as the service migrates it: figures and open reservations per event. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockLevelsProjectionTest {

    static final ProductId ID = ProductId.of("p-1");
    static final BigDecimal PRICE = new BigDecimal("5.00");
    static final ProductAdded ADDED = new ProductAdded(ID, "KET-1", "Kettle", "d", "kitchen", PRICE, "EUR", 10);

    private CatalogSchema schema;
    private StockLevelsProjection projection;
    private StockLevelQueries queries;

    @BeforeAll
    void migratedSchema() {
        schema = CatalogSchema.mariaDb("catalog_stock");
        StockLevels levels = new StockLevels(schema.dataSource());
        projection = new StockLevelsProjection(levels);
        queries = new StockLevelQueries(levels);
    }

    @AfterAll
    void dropSchema() {
        schema.close();
    }

    @BeforeEach
    void anAddedKettle() {
        projection.reset();
        projection.on(ADDED);
    }

    private StockLevelsView view() {
        List<StockLevelsView> levels = queries.handle(FindStockLevelsQuery.of(ID)).levels();
        assertThat(levels).hasSize(1);
        return levels.get(0);
    }

    @Test
    void theInitialStockIsReceivedAndAvailable() {
        assertThat(view()).isEqualTo(new StockLevelsView(ID, "KET-1", 10, 10, 0, 0, List.of()));
    }

    @Test
    void figuresFollowRestocksReservationsReleasesAndCommitsAndStayBalanced() {
        projection.on(new ProductRestocked(ID, 5));
        projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR"));
        projection.on(new StockReserved(ID, "o-2", 3, PRICE, "EUR"));
        projection.on(new StockReserved(ID, "o-3", 2, PRICE, "EUR"));
        assertThat(view().openReservations()).extracting(OpenReservationView::orderId).containsExactly("o-1", "o-2", "o-3");
        projection.on(new StockReleased(ID, "o-1", 4));
        projection.on(new StockCommitted(ID, "o-2", 3));

        StockLevelsView view = view();
        assertThat(view).isEqualTo(new StockLevelsView(ID, "KET-1", 15, 10, 2, 3,
                List.of(new OpenReservationView("o-3", 2))));
        assertThat(view.balanced()).isTrue();
    }

    @Test
    void aReleaseBeforeAnyReservationChangesNoFigureAndNoOtherOrder() {
        projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR"));
        projection.on(new StockReleased(ID, "o-2", 0));

        StockLevelsView view = view();
        assertThat(view).isEqualTo(new StockLevelsView(ID, "KET-1", 10, 6, 4, 0, List.of(new OpenReservationView("o-1", 4))));
        assertThat(view.balanced()).isTrue();
    }

    @Test
    void returnedUnitsLeaveSoldForAvailableAndStayBalanced() {
        projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR"));
        projection.on(new StockCommitted(ID, "o-1", 4));
        projection.on(new StockReturned(ID, "o-1", 4));

        StockLevelsView view = view();
        assertThat(view).isEqualTo(new StockLevelsView(ID, "KET-1", 10, 10, 0, 0, List.of()));
        assertThat(view.balanced()).isTrue();
    }

    @Test
    void openReservationsAreListedByOrderIdAsJavaSortsThemNotAsTheCollationDoes() {
        projection.on(new StockReserved(ID, "o-b", 1, PRICE, "EUR"));
        projection.on(new StockReserved(ID, "o-a", 2, PRICE, "EUR"));
        projection.on(new StockReserved(ID, "o-C", 3, PRICE, "EUR"));
        assertThat(view().openReservations()).containsExactly(new OpenReservationView("o-C", 3),
                new OpenReservationView("o-a", 2), new OpenReservationView("o-b", 1));
    }

    @Test
    void theQueryAnswersTheProductsAskedForThatExistOrAllOfThemByProductId() {
        projection.on(new ProductAdded(ProductId.of("P-2"), "TEA-1", "Teapot", "d", "kitchen", PRICE, "EUR", 3));
        projection.on(new ProductAdded(ProductId.of("p-0"), "MUG-1", "Mug", "d", "kitchen", PRICE, "EUR", 1));
        projection.on(new StockReserved(ProductId.of("P-2"), "o-1", 1, PRICE, "EUR"));
        projection.on(new StockReserved(ID, "o-1", 2, PRICE, "EUR"));

        List<StockLevelsView> all = queries.handle(FindStockLevelsQuery.all()).levels();
        assertThat(all).extracting(view -> view.productId().value()).containsExactly("P-2", "p-0", "p-1");
        assertThat(all.get(0).openReservations()).containsExactly(new OpenReservationView("o-1", 1));
        assertThat(all.get(1).openReservations()).isEmpty();
        assertThat(all.get(2).openReservations()).containsExactly(new OpenReservationView("o-1", 2));
        assertThat(queries.handle(FindStockLevelsQuery.of(ProductId.of("nope"), ID, ID)).levels())
                .extracting(view -> view.productId().value()).containsExactly("p-1");
        assertThat(queries.handle(FindStockLevelsQuery.of(ProductId.of("nope"))).levels()).isEmpty();
    }

    @Test
    void anEventForAProductItHasNotSeenFailsAndWritesNothingSoTheProcessorParksItInsteadOfLosingIt() {
        ProductId unknown = ProductId.of("p-unknown");
        for (Runnable event : List.<Runnable>of(
                () -> projection.on(new ProductRestocked(unknown, 1)),
                () -> projection.on(new StockReserved(unknown, "o-1", 1, PRICE, "EUR")),
                () -> projection.on(new StockReleased(unknown, "o-1", 1)),
                () -> projection.on(new StockCommitted(unknown, "o-1", 1)),
                () -> projection.on(new StockReturned(unknown, "o-1", 1)))) {
            assertThatThrownBy(event::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("p-unknown");
        }
        assertThat(schema.jdbc().queryForObject("SELECT count(*) FROM stock_open_reservation", Integer.class)).isZero();
        assertThat(view()).isEqualTo(new StockLevelsView(ID, "KET-1", 10, 10, 0, 0, List.of()));
    }

    @Test
    void aReservationAppliedAgainStaysOneRowWithItsLatestQuantity() {
        projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR"));
        projection.on(new StockReserved(ID, "o-1", 3, PRICE, "EUR"));
        assertThat(view().openReservations()).containsExactly(new OpenReservationView("o-1", 3));
    }

    @Test
    void aProductAddedAppliedAgainStartsTheFiguresOverSoAReplayOfTheProductsEventsRebuildsThem() {
        List<Runnable> history = List.of(
                () -> projection.on(ADDED),
                () -> projection.on(new ProductRestocked(ID, 5)),
                () -> projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR")),
                () -> projection.on(new StockReserved(ID, "o-2", 2, PRICE, "EUR")),
                () -> projection.on(new StockCommitted(ID, "o-2", 2)),
                () -> projection.on(new StockReturned(ID, "o-2", 1)));
        history.forEach(Runnable::run);
        StockLevelsView once = view();

        history.forEach(Runnable::run);

        assertThat(view()).isEqualTo(once);
        assertThat(once).isEqualTo(new StockLevelsView(ID, "KET-1", 15, 10, 4, 1, List.of(new OpenReservationView("o-1", 4))));
        assertThat(once.balanced()).isTrue();
    }

    @Test
    void aProductAddedAppliedAgainDropsTheReservationsItsReplayDoesNotReopen() {
        projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR"));
        projection.on(ADDED);
        assertThat(view()).isEqualTo(new StockLevelsView(ID, "KET-1", 10, 10, 0, 0, List.of()));
    }

    @Test
    void aResetEmptiesBothTables() {
        projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR"));
        projection.reset();
        assertThat(queries.handle(FindStockLevelsQuery.all()).levels()).isEmpty();
        assertThat(schema.jdbc().queryForObject("SELECT count(*) FROM stock_open_reservation", Integer.class)).isZero();
    }

    @Test
    void theStatementsRunInTheCallersTransactionSoTheyRollBackWithTheProcessorsToken() {
        TransactionTemplate unitOfWork = new TransactionTemplate(new DataSourceTransactionManager(schema.dataSource()));
        unitOfWork.executeWithoutResult(status -> {
            projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR"));
            projection.on(new ProductRestocked(ID, 5));
            status.setRollbackOnly();
        });
        assertThat(view()).isEqualTo(new StockLevelsView(ID, "KET-1", 10, 10, 0, 0, List.of()));
    }
}
