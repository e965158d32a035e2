package io.sagashop.catalog.product;

import io.sagashop.platform.axon.AggregateNotFoundInterceptor;
import static io.sagashop.catalog.product.DomainErrorMatcher.conflict;
import static io.sagashop.catalog.product.DomainErrorMatcher.invalid;

import io.sagashop.catalog.api.*;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProductTest {

    static final ProductId ID = ProductId.of("p-1");
    static final BigDecimal PRICE = new BigDecimal("19.90");
    static final ProductAdded ADDED = new ProductAdded(ID, "KET-1", "Kettle", "Boils water", "kitchen", PRICE, "EUR", 5);
    static final ProductSettings SETTINGS = new ProductSettings(Duration.ofDays(30), 250);

    private FixtureConfiguration<Product> fixture;
    private final InMemorySkus skus = new InMemorySkus();

    @BeforeEach
    void setUp() {
        fixture = newFixture(skus, SETTINGS);
    }

    /** The product with its collaborators as the service wires them: SKU lookup, settings, ReserveStockHandler. */
    static FixtureConfiguration<Product> newFixture(SkuRegistry skus, ProductSettings settings) {
        AggregateTestFixture<Product> f = new AggregateTestFixture<>(Product.class);
        f.registerInjectableResource(skus);
        f.registerInjectableResource(settings);
        f.registerCommandHandlerInterceptor(new AggregateNotFoundInterceptor());
        f.registerAnnotatedCommandHandler(new ReserveStockHandler(f.getRepository(),
                DefaultEventGateway.builder().eventBus(f.getEventBus()).build()));
        return f;
    }

    static AddProduct add(String sku, String name, String description, String category, String price,
                          String currency, int stock) {
        return new AddProduct(ID, sku, name, description, category, price == null ? null : new BigDecimal(price),
                currency, stock);
    }

    static StockReservationResult reserved(String order, int quantity) {
        return new StockReservationResult(ID, order, quantity, ReservationStatus.RESERVED, null, PRICE, "EUR");
    }

    @Nested
    class Adding {

        @Test
        void addsAProductWithItsInitialStock() {
            fixture.givenNoPriorActivity()
                    .when(add("KET-1", "Kettle", "Boils water", "kitchen", "19.90", "EUR", 5))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(ADDED)
                    .expectResultMessagePayload(ID);
        }

        @Test
        void acceptsAnEmptyDescriptionAndZeroStock() {
            fixture.givenNoPriorActivity()
                    .when(add("KET-1", "Kettle", "", "kitchen", "19.90", "EUR", 0))
                    .expectEvents(new ProductAdded(ID, "KET-1", "Kettle", "", "kitchen", PRICE, "EUR", 0));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.sagashop.catalog.product.ProductTest#invalidAdds")
        void refusesAnInvalidFieldAndNamesIt(String field, AddProduct command) {
            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectNoEvents()
                    .expectException(DomainErrorMatcher.invalid(field));
        }

        @Test
        void refusesASkuAnotherProductHolds() {
            skus.register("KET-1", ProductId.of("p-other"));
            fixture.givenNoPriorActivity()
                    .when(add("KET-1", "Kettle", "Boils water", "kitchen", "19.90", "EUR", 5))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.SKU_TAKEN, "sku"))
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("p-other"));
        }
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> invalidAdds() {
        return java.util.stream.Stream.of(
                args("sku", add(" ", "Kettle", "d", "kitchen", "1", "EUR", 1)),
                args("sku", add("X".repeat(65), "Kettle", "d", "kitchen", "1", "EUR", 1)),
                args("name", add("K", null, "d", "kitchen", "1", "EUR", 1)),
                args("description", add("K", "Kettle", null, "kitchen", "1", "EUR", 1)),
                args("category", add("K", "Kettle", "d", "", "1", "EUR", 1)),
                args("price", add("K", "Kettle", "d", "kitchen", null, "EUR", 1)),
                args("price", add("K", "Kettle", "d", "kitchen", "0", "EUR", 1)),
                args("price", add("K", "Kettle", "d", "kitchen", "-1.00", "EUR", 1)),
                args("price", add("K", "Kettle", "d", "kitchen", "1.999", "EUR", 1)),
                args("currency", add("K", "Kettle", "d", "kitchen", "1", "eur", 1)),
                args("currency", add("K", "Kettle", "d", "kitchen", "1", "XYZ", 1)),
                args("initialStock", add("K", "Kettle", "d", "kitchen", "1", "EUR", -1)));
    }

    private static org.junit.jupiter.params.provider.Arguments args(String field, AddProduct cmd) {
        return org.junit.jupiter.params.provider.Arguments.of(field, cmd);
    }

    @Nested
    class Details {

        @Test
        void updatesDetails() {
            fixture.given(ADDED)
                    .when(new UpdateProductDetails(ID, "Kettle XL", "Boils more water", "appliances"))
                    .expectEvents(new ProductDetailsUpdated(ID, "Kettle XL", "Boils more water", "appliances"));
        }

        @Test
        void anUpdateThatChangesNothingPublishesNothing() {
            fixture.given(ADDED)
                    .when(new UpdateProductDetails(ID, "Kettle", "Boils water", "kitchen"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesABlankName() {
            fixture.given(ADDED)
                    .when(new UpdateProductDetails(ID, "", "Boils water", "kitchen"))
                    .expectNoEvents()
                    .expectException(invalid("name"))
                    .expectExceptionMessage("name must not be blank");
        }

        @Test
        void refusesToUpdateADiscontinuedProduct() {
            fixture.given(ADDED, new ProductDiscontinued(ID))
                    .when(new UpdateProductDetails(ID, "Kettle XL", "Boils water", "kitchen"))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.DISCONTINUED));
        }

        @Test
        void refusesToUpdateAProductThatDoesNotExist() {
            fixture.givenNoPriorActivity()
                    .when(new UpdateProductDetails(ID, "Kettle XL", "Boils water", "kitchen"))
                    .expectNoEvents()
                    .expectException(DomainErrorMatcher.notFound());
        }
    }

    @Nested
    class Price {

        @Test
        void changesThePrice() {
            fixture.given(ADDED)
                    .when(new ChangeProductPrice(ID, new BigDecimal("17.50"), "EUR"))
                    .expectEvents(new ProductPriceChanged(ID, new BigDecimal("17.50"), "EUR"));
        }

        @Test
        void theSamePriceWrittenDifferentlyChangesNothing() {
            fixture.given(ADDED)
                    .when(new ChangeProductPrice(ID, new BigDecimal("19.9"), "EUR"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aNewCurrencyIsAChange() {
            fixture.given(ADDED)
                    .when(new ChangeProductPrice(ID, PRICE, "USD"))
                    .expectEvents(new ProductPriceChanged(ID, PRICE, "USD"));
        }

        @Test
        void refusesANegativePrice() {
            fixture.given(ADDED)
                    .when(new ChangeProductPrice(ID, new BigDecimal("-1"), "EUR"))
                    .expectNoEvents()
                    .expectException(invalid("price"))
                    .expectExceptionMessage("price must be greater than 0");
        }

        @Test
        void refusesToRepriceADiscontinuedProduct() {
            fixture.given(ADDED, new ProductDiscontinued(ID))
                    .when(new ChangeProductPrice(ID, BigDecimal.TEN, "EUR"))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.DISCONTINUED));
        }

        @Test
        void laterReservationsUseTheNewPrice() {
            fixture.given(ADDED, new ProductPriceChanged(ID, BigDecimal.TEN, "USD"))
                    .when(new ReserveStock(ID, "o-1", 1))
                    .expectEvents(new StockReserved(ID, "o-1", 1, BigDecimal.TEN, "USD"));
        }
    }

    @Nested
    class Restocking {

        @Test
        void restockMakesTheUnitsAvailable() {
            fixture.given(ADDED, new ProductRestocked(ID, 3))
                    .when(new ReserveStock(ID, "o-1", 8))
                    .expectEvents(new StockReserved(ID, "o-1", 8, PRICE, "EUR"));
        }

        @Test
        void recordsTheRestock() {
            fixture.given(ADDED)
                    .when(new RestockProduct(ID, 3))
                    .expectEvents(new ProductRestocked(ID, 3));
        }

        @Test
        void refusesAZeroOrNegativeQuantity() {
            fixture.given(ADDED)
                    .when(new RestockProduct(ID, 0))
                    .expectNoEvents()
                    .expectException(invalid("quantity"))
                    .expectExceptionMessage("quantity must be greater than 0");
            fixture.given(ADDED)
                    .when(new RestockProduct(ID, -4))
                    .expectNoEvents()
                    .expectException(invalid("quantity"));
        }

        @Test
        void aDiscontinuedProductCanStillReceiveUnits() {
            fixture.given(ADDED, new ProductDiscontinued(ID))
                    .when(new RestockProduct(ID, 2))
                    .expectEvents(new ProductRestocked(ID, 2));
        }
    }

    @Nested
    class Discontinuing {

        @Test
        void discontinues() {
            fixture.given(ADDED)
                    .when(new DiscontinueProduct(ID))
                    .expectEvents(new ProductDiscontinued(ID));
        }

        @Test
        void discontinuingTwiceChangesNothing() {
            fixture.given(ADDED, new ProductDiscontinued(ID))
                    .when(new DiscontinueProduct(ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAnUnknownProduct() {
            fixture.givenNoPriorActivity()
                    .when(new DiscontinueProduct(ID))
                    .expectException(DomainErrorMatcher.notFound());
        }
    }

    @Nested
    class Reserving {

        @Test
        void reservesAtTheCurrentUnitPrice() {
            fixture.given(ADDED)
                    .when(new ReserveStock(ID, "o-1", 5))
                    .expectEvents(new StockReserved(ID, "o-1", 5, PRICE, "EUR"))
                    .expectResultMessagePayload(reserved("o-1", 5));
        }

        @Test
        void rejectsReservationWhenStockIsShort() {
            fixture.given(ADDED, new StockReserved(ID, "o-1", 4, PRICE, "EUR"))
                    .when(new ReserveStock(ID, "o-2", 2))
                    .expectEvents(new StockReservationRejected(ID, "o-2", 2, StockRejectionReason.INSUFFICIENT_STOCK))
                    .expectResultMessagePayload(new StockReservationResult(ID, "o-2", 2, ReservationStatus.REJECTED,
                            StockRejectionReason.INSUFFICIENT_STOCK, null, null));
        }

        @Test
        void rejectsReservationOfADiscontinuedProduct() {
            fixture.given(ADDED, new ProductDiscontinued(ID))
                    .when(new ReserveStock(ID, "o-1", 1))
                    .expectEvents(new StockReservationRejected(ID, "o-1", 1, StockRejectionReason.DISCONTINUED));
        }

        @Test
        void rejectsReservationOfAnUnknownProductWithAnEvent() {
            fixture.givenNoPriorActivity()
                    .when(new ReserveStock(ID, "o-1", 1))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new StockReservationRejected(ID, "o-1", 1, StockRejectionReason.UNKNOWN_PRODUCT))
                    .expectResultMessagePayload(new StockReservationResult(ID, "o-1", 1, ReservationStatus.REJECTED,
                            StockRejectionReason.UNKNOWN_PRODUCT, null, null));
        }

        @Test
        void reservingTwiceForTheSameOrderChangesNothingAndAnswersTheSame() {
            fixture.given(ADDED, new StockReserved(ID, "o-1", 3, PRICE, "EUR"))
                    .when(new ReserveStock(ID, "o-1", 3))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(reserved("o-1", 3));
        }

        @Test
        void aRepeatedReservationKeepsItsOriginalPrice() {
            fixture.given(ADDED, new StockReserved(ID, "o-1", 3, PRICE, "EUR"),
                            new ProductPriceChanged(ID, BigDecimal.ONE, "EUR"))
                    .when(new ReserveStock(ID, "o-1", 3))
                    .expectNoEvents()
                    .expectResultMessagePayload(reserved("o-1", 3));
        }

        @Test
        void aRepeatedRejectionChangesNothingAndAnswersTheSame() {
            fixture.given(ADDED, new StockReservationRejected(ID, "o-1", 9, StockRejectionReason.INSUFFICIENT_STOCK),
                            new ProductRestocked(ID, 100))
                    .when(new ReserveStock(ID, "o-1", 9))
                    .expectNoEvents()
                    .expectResultMessagePayload(new StockReservationResult(ID, "o-1", 9, ReservationStatus.REJECTED,
                            StockRejectionReason.INSUFFICIENT_STOCK, null, null));
        }

        @Test
        void refusesTheSameOrderAskingForADifferentQuantity() {
            fixture.given(ADDED, new StockReserved(ID, "o-1", 3, PRICE, "EUR"))
                    .when(new ReserveStock(ID, "o-1", 2))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.RESERVATION_MISMATCH, "quantity"));
        }

        @Test
        void refusesANonPositiveQuantityOrMissingOrder() {
            fixture.given(ADDED)
                    .when(new ReserveStock(ID, "o-1", 0))
                    .expectNoEvents()
                    .expectException(invalid("quantity"))
                    .expectExceptionMessage("quantity must be greater than 0");
            fixture.given(ADDED)
                    .when(new ReserveStock(ID, " ", 1))
                    .expectNoEvents()
                    .expectException(invalid("orderId"));
        }

        @Test
        void committedUnitsDoNotComeBackButReleasedOnesDo() {
            fixture.given(ADDED,
                            new StockReserved(ID, "o-1", 2, PRICE, "EUR"), new StockCommitted(ID, "o-1", 2),
                            new StockReserved(ID, "o-2", 3, PRICE, "EUR"), new StockReleased(ID, "o-2", 3))
                    .when(new ReserveStock(ID, "o-3", 4))
                    .expectEvents(new StockReservationRejected(ID, "o-3", 4, StockRejectionReason.INSUFFICIENT_STOCK));
            fixture.given(ADDED,
                            new StockReserved(ID, "o-1", 2, PRICE, "EUR"), new StockCommitted(ID, "o-1", 2),
                            new StockReserved(ID, "o-2", 3, PRICE, "EUR"), new StockReleased(ID, "o-2", 3))
                    .when(new ReserveStock(ID, "o-3", 3))
                    .expectEvents(new StockReserved(ID, "o-3", 3, PRICE, "EUR"));
        }
    }

    @Nested
    class Releasing {

        @Test
        void releasesAReservation() {
            fixture.given(ADDED, new StockReserved(ID, "o-1", 3, PRICE, "EUR"))
                    .when(new ReleaseStock(ID, "o-1"))
                    .expectEvents(new StockReleased(ID, "o-1", 3))
                    .expectResultMessagePayload(new StockReservationResult(ID, "o-1", 3, ReservationStatus.RELEASED,
                            null, PRICE, "EUR"));
        }

        @Test
        void releasingTwiceChangesNothingAndAnswersTheSame() {
            fixture.given(ADDED, new StockReserved(ID, "o-1", 3, PRICE, "EUR"), new StockReleased(ID, "o-1", 3))
                    .when(new ReleaseStock(ID, "o-1"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new StockReservationResult(ID, "o-1", 3, ReservationStatus.RELEASED,
                            null, PRICE, "EUR"));
        }

        @Test
        void releasingWhatWasNeverReservedReleasesTheOrderForGood() {
            fixture.given(ADDED)
                    .when(new ReleaseStock(ID, "o-9"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new StockReleased(ID, "o-9", 0))
                    .expectResultMessagePayload(new StockReservationResult(ID, "o-9", 0, ReservationStatus.RELEASED,
                            null, null, null));
        }

        @Test
        void releasingARejectedReservationChangesNothing() {
            fixture.given(ADDED, new StockReservationRejected(ID, "o-1", 9, StockRejectionReason.INSUFFICIENT_STOCK))
                    .when(new ReleaseStock(ID, "o-1"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new StockReservationResult(ID, "o-1", 9, ReservationStatus.REJECTED,
                            StockRejectionReason.INSUFFICIENT_STOCK, null, null));
        }

        @Test
        void refusesToReleaseSoldUnits() {
            fixture.given(ADDED, new StockReserved(ID, "o-1", 3, PRICE, "EUR"), new StockCommitted(ID, "o-1", 3))
                    .when(new ReleaseStock(ID, "o-1"))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.ALREADY_SOLD));
        }

        @Test
        void aDiscontinuedProductStillReleases() {
            fixture.given(ADDED, new StockReserved(ID, "o-1", 3, PRICE, "EUR"), new ProductDiscontinued(ID))
                    .when(new ReleaseStock(ID, "o-1"))
                    .expectEvents(new StockReleased(ID, "o-1", 3));
        }

        @Test
        void anUnknownProductIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new ReleaseStock(ID, "o-1"))
                    .expectNoEvents()
                    .expectException(DomainErrorMatcher.notFound());
        }
    }

    @Nested
    class Committing {

        @Test
        void commitsAReservation() {
            fixture.given(ADDED, new StockReserved(ID, "o-1", 3, PRICE, "EUR"))
                    .when(new CommitStock(ID, "o-1"))
                    .expectEvents(new StockCommitted(ID, "o-1", 3))
                    .expectResultMessagePayload(new StockReservationResult(ID, "o-1", 3, ReservationStatus.COMMITTED,
                            null, PRICE, "EUR"));
        }

        @Test
        void committingTwiceChangesNothingAndAnswersTheSame() {
            fixture.given(ADDED, new StockReserved(ID, "o-1", 3, PRICE, "EUR"), new StockCommitted(ID, "o-1", 3))
                    .when(new CommitStock(ID, "o-1"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new StockReservationResult(ID, "o-1", 3, ReservationStatus.COMMITTED,
                            null, PRICE, "EUR"));
        }

        @Test
        void refusesToCommitWithoutAReservation() {
            fixture.given(ADDED)
                    .when(new CommitStock(ID, "o-1"))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.NOT_RESERVED));
        }

        @Test
        void refusesToCommitAReleasedReservation() {
            fixture.given(ADDED, new StockReserved(ID, "o-1", 3, PRICE, "EUR"), new StockReleased(ID, "o-1", 3))
                    .when(new CommitStock(ID, "o-1"))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.NOT_RESERVED));
        }

        @Test
        void refusesToCommitARejectedReservation() {
            fixture.given(ADDED, new StockReservationRejected(ID, "o-1", 9, StockRejectionReason.INSUFFICIENT_STOCK))
                    .when(new CommitStock(ID, "o-1"))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.NOT_RESERVED));
        }
    }

    @Nested
    class Returning {

        private static final StockReserved RESERVED = new StockReserved(ID, "o-1", 3, PRICE, "EUR");
        private static final StockCommitted COMMITTED = new StockCommitted(ID, "o-1", 3);

        @Test
        void soldUnitsOfACancelledOrderComeBack() {
            fixture.given(ADDED, RESERVED, COMMITTED)
                    .when(new ReturnStock(ID, "o-1", 3))
                    .expectEvents(new StockReturned(ID, "o-1", 3))
                    .expectResultMessagePayload(new StockReservationResult(ID, "o-1", 3, ReservationStatus.RETURNED,
                            null, PRICE, "EUR"));
        }

        @Test
        void returningTwiceChangesNothingAndAnswersTheSame() {
            fixture.given(ADDED, RESERVED, COMMITTED, new StockReturned(ID, "o-1", 3))
                    .when(new ReturnStock(ID, "o-1", 3))
                    .expectNoEvents()
                    .expectResultMessagePayload(new StockReservationResult(ID, "o-1", 3, ReservationStatus.RETURNED,
                            null, PRICE, "EUR"));
        }

        @Test
        void returnedUnitsCanBeReservedAgain() {
            fixture.given(ADDED, new ProductRestocked(ID, 5), RESERVED, COMMITTED, new StockReturned(ID, "o-1", 3))
                    .when(new ReserveStock(ID, "o-2", 10))
                    .expectEvents(new StockReserved(ID, "o-2", 10, PRICE, "EUR"));
        }

        @Test
        void refusesToReturnWhatWasNeverSold() {
            fixture.given(ADDED, RESERVED)
                    .when(new ReturnStock(ID, "o-1", 3))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.NOT_SOLD));
        }

        @Test
        void aReturnOfAnotherQuantityThanWasSoldIsAMismatch() {
            fixture.given(ADDED, RESERVED, COMMITTED)
                    .when(new ReturnStock(ID, "o-1", 2))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.RESERVATION_MISMATCH, "quantity"));
            fixture.given(ADDED, RESERVED, COMMITTED, new StockReturned(ID, "o-1", 3))
                    .when(new ReturnStock(ID, "o-1", 4))
                    .expectNoEvents()
                    .expectException(conflict(ProductErrors.RESERVATION_MISMATCH, "quantity"));
        }

        @Test
        void aReturnWithoutAPositiveQuantityIsInvalid() {
            fixture.given(ADDED, RESERVED, COMMITTED)
                    .when(new ReturnStock(ID, "o-1", 0))
                    .expectNoEvents()
                    .expectException(invalid("quantity"));
        }

        @Test
        void releasingAReturnedReservationChangesNothing() {
            fixture.given(ADDED, RESERVED, COMMITTED, new StockReturned(ID, "o-1", 3))
                    .when(new ReleaseStock(ID, "o-1"))
                    .expectNoEvents();
        }
    }

    /** The unique-SKU lookup, in memory. */
    static final class InMemorySkus implements SkuRegistry {
        private final Map<String, ProductId> bySku = new HashMap<>();

        @Override
        public Optional<ProductId> holderOf(String sku) {
            return Optional.ofNullable(bySku.get(sku));
        }

        @Override
        public void register(String sku, ProductId productId) {
            bySku.put(sku, productId);
        }
    }
}
