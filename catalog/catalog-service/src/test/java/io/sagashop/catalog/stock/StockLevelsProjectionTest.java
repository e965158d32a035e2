package io.sagashop.catalog.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.sagashop.catalog.api.*;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StockLevelsProjectionTest {

    static final ProductId ID = ProductId.of("p-1");
    static final BigDecimal PRICE = new BigDecimal("5.00");

    private final AtomicReference<StockLevelEntry> row = new AtomicReference<>();
    private StockLevelsProjection projection;

    @BeforeEach
    void setUp() {
        StockLevelEntryRepository repository = mock(StockLevelEntryRepository.class);
        when(repository.save(any())).thenAnswer(inv -> {
            row.set(inv.getArgument(0));
            return row.get();
        });
        when(repository.findById(ID.value())).thenAnswer(inv -> Optional.ofNullable(row.get()));
        projection = new StockLevelsProjection(repository);
        projection.on(new ProductAdded(ID, "KET-1", "Kettle", "d", "kitchen", PRICE, "EUR", 10));
    }

    @Test
    void theInitialStockIsReceivedAndAvailable() {
        assertThat(row.get().toView()).isEqualTo(new StockLevelsView(ID, "KET-1", 10, 10, 0, 0, List.of()));
    }

    @Test
    void figuresFollowRestocksReservationsReleasesAndCommitsAndStayBalanced() {
        projection.on(new ProductRestocked(ID, 5));
        projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR"));
        projection.on(new StockReserved(ID, "o-2", 3, PRICE, "EUR"));
        projection.on(new StockReserved(ID, "o-3", 2, PRICE, "EUR"));
        projection.on(new StockReleased(ID, "o-1", 4));
        projection.on(new StockCommitted(ID, "o-2", 3));

        StockLevelsView view = row.get().toView();
        assertThat(view).isEqualTo(new StockLevelsView(ID, "KET-1", 15, 10, 2, 3,
                List.of(new OpenReservationView("o-3", 2))));
        assertThat(view.balanced()).isTrue();
    }

    @Test
    void aReleaseBeforeAnyReservationChangesNoFigureAndNoOtherOrder() {
        projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR"));
        projection.on(new StockReleased(ID, "o-2", 0));

        StockLevelsView view = row.get().toView();
        assertThat(view).isEqualTo(new StockLevelsView(ID, "KET-1", 10, 6, 4, 0, List.of(new OpenReservationView("o-1", 4))));
        assertThat(view.balanced()).isTrue();
    }

    @Test
    void returnedUnitsLeaveSoldForAvailableAndStayBalanced() {
        projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR"));
        projection.on(new StockCommitted(ID, "o-1", 4));
        projection.on(new StockReturned(ID, "o-1", 4));

        StockLevelsView view = row.get().toView();
        assertThat(view).isEqualTo(new StockLevelsView(ID, "KET-1", 10, 10, 0, 0, List.of()));
        assertThat(view.balanced()).isTrue();
    }

    @Test
    void openReservationsAreListedByOrder() {
        projection.on(new StockReserved(ID, "o-b", 1, PRICE, "EUR"));
        projection.on(new StockReserved(ID, "o-a", 2, PRICE, "EUR"));
        assertThat(row.get().toView().openReservations())
                .containsExactly(new OpenReservationView("o-a", 2), new OpenReservationView("o-b", 1));
    }
}
