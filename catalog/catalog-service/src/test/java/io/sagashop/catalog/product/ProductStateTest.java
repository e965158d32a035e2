package io.sagashop.catalog.product;

import static io.sagashop.catalog.product.ProductTest.ADDED;
import static io.sagashop.catalog.product.ProductTest.ID;
import static io.sagashop.catalog.product.ProductTest.PRICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.catalog.api.StockCommitted;
import io.sagashop.catalog.api.StockRejectionReason;
import io.sagashop.catalog.api.StockReleased;
import io.sagashop.catalog.api.StockReservationRejected;
import io.sagashop.catalog.api.StockReserved;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * The product's state as the event-sourcing handlers build it: bounded by the retention whatever
 * the history, and whole after a trip through the snapshot serializer.
 */
class ProductStateTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final ProductSettings ONE_DAY = new ProductSettings(Duration.ofDays(1), 250);

    @Test
    void theRememberedReservationsStayBoundedWhateverTheHistory() {
        Product product = new Product();
        product.on(ADDED);
        product.on(new StockReserved(ID, "open-since-day-one", 1, PRICE, "EUR"));

        // One order a minute, each reserving and then sold, released or rejected.
        int afterTenThousand = 0;
        for (int i = 0; i < 100_000; i++) {
            lifecycle(product, i, START.plus(Duration.ofMinutes(i)));
            if (i == 9_999) {
                afterTenThousand = product.rememberedReservations();
            }
        }

        // A day of settled orders (1 441 minutes, both ends included) plus the open one.
        int minutesInRetention = (int) ONE_DAY.settledRetention().toMinutes() + 1;
        assertThat(afterTenThousand).isEqualTo(minutesInRetention + 1);
        assertThat(product.rememberedReservations()).isEqualTo(afterTenThousand);
        // What is forgotten of the sales (every third order, one unit) is kept as a count.
        long forgottenSales = IntStream.range(0, 100_000 - minutesInRetention).filter(i -> i % 3 == 0).count();
        assertThat(product.soldUnitsForgotten()).isEqualTo(forgottenSales);
    }

    @Test
    void withinTheRetentionEverySettledOrderIsRemembered() {
        Product product = new Product();
        product.on(ADDED);
        for (int i = 0; i < 1_000; i++) {
            lifecycle(product, i, START.plus(Duration.ofSeconds(i)));
        }
        assertThat(product.rememberedReservations()).isEqualTo(1_000);
    }

    @Test
    void aSnapshotRoundTripKeepsTheWholeState() {
        Product product = new Product();
        product.on(ADDED);
        for (int i = 0; i < 30; i++) {
            lifecycle(product, i, START.plus(Duration.ofHours(i)));
        }
        product.on(new StockReserved(ID, "open", 2, PRICE, "EUR"));
        product.on(new StockReleased(ID, "released-first", 0), START.plus(Duration.ofHours(31)), ONE_DAY);

        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        SerializedObject<String> snapshot = serializer.serialize(product, String.class);
        Product back = serializer.deserialize(snapshot);

        // Orders of hours 7 to 29 are within a day of hour 31 (0 to 6 are forgotten), plus the
        // release marker and the open reservation.
        assertThat(back.rememberedReservations()).isEqualTo(product.rememberedReservations()).isEqualTo(25);
        // Of hours 0 to 6, orders 0, 3 and 6 were sold (one unit each).
        assertThat(back.soldUnitsForgotten()).isEqualTo(product.soldUnitsForgotten()).isEqualTo(3);
        assertThat(serializer.serialize(back, String.class).getData()).isEqualTo(snapshot.getData());
        assertThat(snapshot.getData()).contains("\"released-first\"", "\"open\"", "\"order-7\"", "\"order-29\"", "\"KET-1\"")
                .doesNotContain("\"order-6\"");
    }

    /** Order {@code i}: reserved, then sold, released or (every third) rejected, all at {@code at}. */
    private static void lifecycle(Product product, int i, Instant at) {
        String order = "order-" + i;
        switch (i % 3) {
            case 0 -> {
                product.on(new StockReserved(ID, order, 1, PRICE, "EUR"));
                product.on(new StockCommitted(ID, order, 1), at, ONE_DAY);
            }
            case 1 -> {
                product.on(new StockReserved(ID, order, 1, PRICE, "EUR"));
                product.on(new StockReleased(ID, order, 1), at, ONE_DAY);
            }
            default -> product.on(new StockReservationRejected(ID, order, 9, StockRejectionReason.INSUFFICIENT_STOCK), at, ONE_DAY);
        }
    }
}
