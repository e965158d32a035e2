package io.sagashop.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.sagashop.catalog.api.*;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductProjectionTest {

    static final ProductId ID = ProductId.of("p-1");
    static final BigDecimal PRICE = new BigDecimal("19.90");

    private final Map<String, ProductEntry> table = new HashMap<>();
    private ProductProjection projection;

    @BeforeEach
    void setUp() {
        ProductEntryRepository repository = mock(ProductEntryRepository.class);
        when(repository.save(any())).thenAnswer(inv -> {
            ProductEntry entry = inv.getArgument(0);
            table.put(entry.productId(), entry);
            return entry;
        });
        when(repository.findById(any())).thenAnswer(inv -> Optional.ofNullable(table.get(inv.<String>getArgument(0))));
        projection = new ProductProjection(repository);
        projection.on(new ProductAdded(ID, "KET-1", "Kettle", "Boils water", "kitchen", PRICE, "EUR", 10),
                Instant.parse("2026-11-26T10:00:00Z"));
    }

    private ProductView view() {
        return table.get(ID.value()).toView();
    }

    @Test
    void anAddedProductIsShownWithItsInitialStock() {
        assertThat(view()).isEqualTo(new ProductView(ID, "KET-1", "Kettle", "Boils water", "kitchen", PRICE, "EUR", 10, false));
    }

    @Test
    void detailsPriceAndDiscontinuationAreShown() {
        projection.on(new ProductDetailsUpdated(ID, "Kettle XL", "Bigger", "appliances"));
        projection.on(new ProductPriceChanged(ID, BigDecimal.TEN, "USD"));
        projection.on(new ProductDiscontinued(ID));
        assertThat(view()).isEqualTo(new ProductView(ID, "KET-1", "Kettle XL", "Bigger", "appliances",
                BigDecimal.TEN, "USD", 10, true));
    }

    @Test
    void availableStockFollowsRestocksReservationsAndReleases() {
        projection.on(new ProductRestocked(ID, 5));
        projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR"));
        projection.on(new StockReserved(ID, "o-2", 3, PRICE, "EUR"));
        projection.on(new StockReleased(ID, "o-1", 4));
        assertThat(view().availableStock()).isEqualTo(15 - 3);
    }

    @Test
    void unitsReturnedByACancelledOrderAreAvailableAgain() {
        projection.on(new StockReserved(ID, "o-1", 4, PRICE, "EUR"));
        projection.on(new StockReturned(ID, "o-1", 4));
        assertThat(view().availableStock()).isEqualTo(10);
    }

    @Test
    void aPriceListEntryCarriesTheCurrentPrice() {
        projection.on(new ProductPriceChanged(ID, new BigDecimal("21.00"), "EUR"));
        assertThat(table.get(ID.value()).toPriceView())
                .isEqualTo(new ProductPriceView(ID, "KET-1", "Kettle", new BigDecimal("21.00"), "EUR", false));
    }

    @Test
    void anEventForAProductItHasNotSeenFailsSoTheProcessorRetriesInsteadOfLosingIt() {
        assertThatThrownBy(() -> projection.on(new ProductRestocked(ProductId.of("p-unknown"), 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("p-unknown");
    }
}
