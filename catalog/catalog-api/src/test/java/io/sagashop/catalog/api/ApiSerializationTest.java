package io.sagashop.catalog.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class ApiSerializationTest {

    private static final ProductId PRODUCT = ProductId.of("p-1");
    private static final BigDecimal PRICE = new BigDecimal("19.90");

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    static List<Object> samples() {
        ProductView view = new ProductView(PRODUCT, "SKU-1", "Kettle", "Boils water", "kitchen",
                PRICE, "EUR", 7, false);
        return List.of(
                PRODUCT,
                new AddProduct(PRODUCT, "SKU-1", "Kettle", "Boils water", "kitchen", PRICE, "EUR", 10),
                new UpdateProductDetails(PRODUCT, "Kettle 2", "Boils faster", "kitchen"),
                new ChangeProductPrice(PRODUCT, new BigDecimal("17.50"), "EUR"),
                new RestockProduct(PRODUCT, 5),
                new DiscontinueProduct(PRODUCT),
                new ReserveStock(PRODUCT, "o-1", 2),
                new ReleaseStock(PRODUCT, "o-1"),
                new CommitStock(PRODUCT, "o-1"),
                new ReturnStock(PRODUCT, "o-1", 2),
                new ProductAdded(PRODUCT, "SKU-1", "Kettle", "Boils water", "kitchen", PRICE, "EUR", 10),
                new ProductDetailsUpdated(PRODUCT, "Kettle 2", "Boils faster", "kitchen"),
                new ProductPriceChanged(PRODUCT, new BigDecimal("17.50"), "EUR"),
                new ProductRestocked(PRODUCT, 5),
                new ProductDiscontinued(PRODUCT),
                new StockReserved(PRODUCT, "o-1", 2, PRICE, "EUR"),
                new StockReservationRejected(PRODUCT, "o-2", 99, StockRejectionReason.INSUFFICIENT_STOCK),
                new StockReservationRejected(PRODUCT, "o-3", 1, StockRejectionReason.ORDER_RELEASED),
                new StockReleased(PRODUCT, "o-1", 2),
                new StockCommitted(PRODUCT, "o-1", 2),
                new StockReturned(PRODUCT, "o-1", 2),
                new StockReservationResult(PRODUCT, "o-1", 2, ReservationStatus.RESERVED, null, PRICE, "EUR"),
                new StockReservationResult(PRODUCT, "o-2", 99, ReservationStatus.REJECTED,
                        StockRejectionReason.DISCONTINUED, null, null),
                new FindProductQuery(PRODUCT),
                view,
                new SearchProductsQuery("kettle", "kitchen", BigDecimal.ONE, BigDecimal.TEN, 0, 20,
                        ProductSortField.PRICE, true),
                new SearchProductsQuery(null, null, null, null, 1, 5, null, false),
                new ProductPage(List.of(view), 0, 20, 1, 1),
                new FindPricesQuery(List.of(PRODUCT, ProductId.of("p-2"))),
                new PriceListView(List.of(new ProductPriceView(PRODUCT, "SKU-1", "Kettle", PRICE, "EUR", false))),
                new ProductPriceView(PRODUCT, "SKU-1", "Kettle", PRICE, "EUR", true),
                FindStockLevelsQuery.all(),
                FindStockLevelsQuery.of(PRODUCT),
                new StockLevelsView(PRODUCT, "SKU-1", 15, 10, 3, 2, List.of(new OpenReservationView("o-1", 3))),
                new OpenReservationView("o-1", 3),
                new StockLevelsListView(List.of(new StockLevelsView(PRODUCT, "SKU-1", 1, 1, 0, 0, List.of()))),
                StockRejectionReason.UNKNOWN_PRODUCT,
                ReservationStatus.COMMITTED,
                ProductSortField.CREATED);
    }

    @Test
    void everyApiTypeRoundTripsThroughAxonsJacksonSerializer() {
        for (Object sample : samples()) {
            SerializedObject<String> serialized = serializer.serialize(sample, String.class);
            Object back = serializer.deserialize(serialized);
            assertThat(back).as(serialized.getData()).isEqualTo(sample);
        }
    }

    @Test
    void everyPublicApiTypeHasASample() throws IOException, URISyntaxException {
        Path dir = Paths.get(ProductId.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("io/sagashop/catalog/api");
        Set<String> types;
        try (Stream<Path> files = Files.list(dir)) {
            types = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.startsWith("package-info"))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .collect(Collectors.toSet());
        }
        Set<String> sampled = samples().stream().map(s -> s.getClass().getSimpleName()).collect(Collectors.toSet());
        assertThat(sampled).containsAll(types);
    }

    @Test
    void productIdPrintsAsItsRawValueSoAxonRoutesByIt() {
        assertThat(PRODUCT.toString()).isEqualTo("p-1");
    }

    @Test
    void stockLevelsKnowWhetherTheyBalance() {
        assertThat(new StockLevelsView(PRODUCT, "S", 10, 5, 3, 2, List.of()).balanced()).isTrue();
        assertThat(new StockLevelsView(PRODUCT, "S", 10, 5, 3, 1, List.of()).balanced()).isFalse();
    }
}
