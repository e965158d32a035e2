package io.sagashop.order.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderStepView;
import io.sagashop.order.api.OrderView;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.order.api.ShippingAddress;
import io.sagashop.payment.api.PaymentMethodType;
import io.sagashop.platform.test.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The order view's tables on MariaDB, migrated as the service migrates them: what is saved is what is read. */
class OrderEntriesTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final List<OrderLine> LINES = List.of(
            new OrderLine(ProductId.of("kettle"), "KET-1", "Kettle", 2, new BigDecimal("24.50")),
            new OrderLine(ProductId.of("mug"), "MUG-1", "Mug", 1, new BigDecimal("3.00")));
    private static final ShippingAddress ADDRESS = new ShippingAddress("Ada", "Main St 1", "1000", "Brussels", "BE");

    private String schema;
    private JdbcTemplate jdbc;
    private OrderEntries entries;

    @BeforeEach
    void migratedSchema() {
        schema = TestDatabase.createSchema("order_entries");
        var dataSource = new DriverManagerDataSource(TestDatabase.jdbcUrl(schema), TestDatabase.username(),
                TestDatabase.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/axon", "classpath:db/migration",
                "classpath:db/saga-inspection").outOfOrder(true).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        entries = new OrderEntries(dataSource);
    }

    @AfterEach
    void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void aPlacedOrderIsReadBackWithItsLinesAddressAndFirstStep() {
        entries.save(placed("o-1", "alice", T0));

        OrderView view = entries.findById("o-1").orElseThrow().toView();
        assertThat(view.customerId()).isEqualTo("alice");
        assertThat(view.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(view.lines()).isEqualTo(LINES);
        assertThat(view.total()).isEqualByComparingTo("51.00");
        assertThat(view.paymentMethod()).isEqualTo(PaymentMethodType.CARD);
        assertThat(view.shippingAddress()).isEqualTo(ADDRESS);
        assertThat(view.placedAt()).isEqualTo(T0);
        assertThat(view.timeline()).containsExactly(new OrderStepView("PLACED", T0, null));
        assertThat(entries.findById("o-2")).isEmpty();
    }

    @Test
    void anOrderAddedAgainIsRefusedAndLeftAsItWas() {
        assertThat(entries.add(placed("o-1", "alice", T0))).isTrue();

        assertThat(entries.add(placed("o-1", "mallory", T0.plusSeconds(60)))).isFalse();

        OrderView view = entries.findById("o-1").orElseThrow().toView();
        assertThat(view.customerId()).isEqualTo("alice");
        assertThat(view.placedAt()).isEqualTo(T0);
        assertThat(view.lines()).isEqualTo(LINES);
        assertThat(view.timeline()).hasSize(1);
    }

    @Test
    void changesOfLaterEventsAreWrittenAndOnlyTheNewStepsAreAdded() {
        entries.save(placed("o-1", "alice", T0));

        OrderEntry entry = entries.findById("o-1").orElseThrow();
        assertThat(entry.lineReserved("kettle")).as("the mug is not reserved yet").isFalse();
        entry.step("e-2", "PAYMENT_PENDING", T0.plusSeconds(2), "payment pay-1");
        entry.payment("pay-1", "REQUESTED");
        entries.save(entry);
        entry.status(OrderStatus.REJECTED);
        entry.rejected(RejectionReason.PAYMENT_DECLINED, "insufficient funds");
        entry.step("e-3", "REJECTED", T0.plusSeconds(3), "declined");
        entries.save(entry);

        OrderEntry read = entries.findById("o-1").orElseThrow();
        OrderView view = read.toView();
        assertThat(view.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(view.paymentId().value()).isEqualTo("pay-1");
        assertThat(view.paymentStatus()).isEqualTo("REQUESTED");
        assertThat(view.rejectionReason()).isEqualTo(RejectionReason.PAYMENT_DECLINED);
        assertThat(view.rejectionDetail()).isEqualTo("insufficient funds");
        assertThat(view.updatedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(view.timeline()).extracting(OrderStepView::step).containsExactly("PLACED", "PAYMENT_PENDING", "REJECTED");
        assertThat(read.applied("e-2")).isTrue();
        assertThat(read.applied("e-4")).isFalse();
        assertThat(read.lines).extracting(line -> line.reserved).containsExactly(true, false);
        assertThat(read.lineReserved("mug")).as("the last line missing").isTrue();
        entries.save(read);
        assertThat(entries.findById("o-1").orElseThrow().lines).extracting(line -> line.reserved)
                .containsExactly(true, true);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM order_view_step WHERE order_id = 'o-1'", Integer.class))
                .isEqualTo(3);
    }

    @Test
    void anOrderIsReadWithOnlyItsOwnLinesAndStepsInTheirNumericOrder() {
        entries.save(placed("o-1", "alice", T0));
        OrderEntry other = placed("o-10", "bob", T0);
        other.step("e-other", "REJECTED", T0.plusSeconds(1), "not ours");
        entries.save(other);
        OrderEntry entry = entries.findById("o-1").orElseThrow();
        for (int i = 1; i <= 11; i++) {
            entry.step("e-" + i, "RETRY_REQUESTED", T0.plusSeconds(i), "attempt " + i);
        }
        entries.save(entry);

        OrderEntry read = entries.findById("o-1").orElseThrow();
        List<OrderStepView> timeline = read.toView().timeline();
        assertThat(timeline).hasSize(12);
        assertThat(timeline.get(0)).isEqualTo(new OrderStepView("PLACED", T0, null));
        assertThat(timeline.subList(1, 12)).extracting(OrderStepView::detail)
                .as("step 10 after step 9, not after step 1").containsExactly("attempt 1", "attempt 2", "attempt 3",
                        "attempt 4", "attempt 5", "attempt 6", "attempt 7", "attempt 8", "attempt 9", "attempt 10",
                        "attempt 11");
        assertThat(read.toView().lines()).isEqualTo(LINES);
        assertThat(read.applied("e-other")).isFalse();
        assertThat(entries.findById("o-10").orElseThrow().toView().timeline()).extracting(OrderStepView::step)
                .containsExactly("PLACED", "REJECTED");
    }

    @Test
    void pagesAreNewestFirstFilteredByCustomerAndStatusAndCountEveryMatch() {
        for (int i = 0; i < 5; i++) {
            entries.save(placed("o-" + i, i % 2 == 0 ? "alice" : "bob", T0.plusSeconds(i)));
        }
        OrderEntry confirmed = entries.findById("o-4").orElseThrow();
        confirmed.status(OrderStatus.CONFIRMED);
        confirmed.step("e-c", "CONFIRMED", T0.plusSeconds(10), null);
        entries.save(confirmed);

        OrderEntries.Page all = entries.find(null, null, 0, 2);
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.entries()).extracting(entry -> entry.orderId).containsExactly("o-4", "o-3");
        assertThat(all.entries().get(0).toView().timeline()).hasSize(2);
        assertThat(all.entries().get(1).toView().lines()).isEqualTo(LINES);
        assertThat(entries.find(null, null, 2, 2).entries()).extracting(entry -> entry.orderId).containsExactly("o-0");
        assertThat(entries.find(null, null, 3, 2).entries()).isEmpty();

        OrderEntries.Page alice = entries.find("alice", null, 0, 10);
        assertThat(alice.total()).isEqualTo(3);
        assertThat(alice.entries()).extracting(entry -> entry.orderId).containsExactly("o-4", "o-2", "o-0");
        assertThat(entries.find("alice", OrderStatus.PLACED, 0, 10).entries()).extracting(entry -> entry.orderId)
                .containsExactly("o-2", "o-0");
        assertThat(entries.find(null, OrderStatus.CONFIRMED, 0, 10).entries()).extracting(entry -> entry.orderId)
                .containsExactly("o-4");
        assertThat(entries.find("bob", OrderStatus.CONFIRMED, 0, 10).total()).isZero();
    }

    @Test
    void rangesReadEveryOrderOnceInIdOrderWhateverWasPlacedMeanwhile() {
        for (String id : List.of("o-3", "o-1", "o-5", "o-2")) {
            entries.save(placed(id, "alice", T0));
        }

        List<OrderEntry> first = entries.after(null, 2);
        assertThat(first).extracting(entry -> entry.orderId).containsExactly("o-1", "o-2");
        assertThat(first.get(0).toView().lines()).isEqualTo(LINES);
        assertThat(first.get(0).toView().timeline()).hasSize(1);
        // Placed while the reader is between ranges: before its position it is not seen, after it
        // it is, and no order already read moves into the next range.
        entries.save(placed("o-0", "bob", T0.plusSeconds(1)));
        entries.save(placed("o-4", "bob", T0.plusSeconds(1)));
        assertThat(entries.after("o-2", 2)).extracting(entry -> entry.orderId).containsExactly("o-3", "o-4");
        assertThat(entries.after("o-4", 2)).extracting(entry -> entry.orderId).containsExactly("o-5");
        assertThat(entries.after("o-5", 2)).isEmpty();
    }

    @Test
    void aResetEmptiesAllThreeTables() {
        entries.save(placed("o-1", "alice", T0));

        entries.deleteAll();

        assertThat(jdbc.queryForObject("SELECT (SELECT count(*) FROM order_view) + (SELECT count(*) FROM order_view_line)"
                + " + (SELECT count(*) FROM order_view_step)", Integer.class)).isZero();
    }

    private static OrderEntry placed(String orderId, String customer, Instant at) {
        OrderEntry entry = new OrderEntry(OrderId.of(orderId), customer, LINES, new BigDecimal("51.00"), "EUR",
                PaymentMethodType.CARD, ADDRESS, at);
        entry.step("e-placed-" + orderId, "PLACED", at, null);
        return entry;
    }
}
