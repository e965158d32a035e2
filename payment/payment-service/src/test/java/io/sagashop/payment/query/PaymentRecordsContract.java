package io.sagashop.payment.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.sagashop.payment.api.FindPaymentQuery;
import io.sagashop.payment.api.FindPaymentsByOrderQuery;
import io.sagashop.payment.api.FindPaymentsPageQuery;
import io.sagashop.payment.api.PaymentCaptured;
import io.sagashop.payment.api.PaymentDeclined;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentMethodType;
import io.sagashop.payment.api.PaymentPageView;
import io.sagashop.payment.api.PaymentRefundRequested;
import io.sagashop.payment.api.PaymentRefunded;
import io.sagashop.payment.api.PaymentRequested;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentView;
import io.sagashop.payment.api.PaymentVoided;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Table {@code payment} as the projection writes and the queries read it, migrated as the service
 * migrates it: events go in through {@link PaymentProjection}'s handlers, answers come out of its
 * query handlers, so the SQL of {@link PaymentRecords} is checked together with what each event
 * means. One subclass per database the service runs on.
 */
abstract class PaymentRecordsContract {

    /**
     * Whole seconds: MySQL Connector/J sends MariaDB (which reports itself as "5.5.5-10.x") every
     * timestamp without its fraction of a second, however it is bound (Hibernate's way included),
     * so micros would not come back from MariaDB; H2 keeps them.
     */
    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    JdbcTemplate jdbc;
    StatementCounter statements;
    PaymentProjection projection;

    /** A fresh, empty database of the kind the subclass tests. */
    abstract DataSource database();

    abstract void dropDatabase();

    @BeforeEach
    void migratedSchema() {
        DataSource dataSource = database();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/axon", "classpath:db/migration")
                .outOfOrder(true).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        statements = new StatementCounter(dataSource);
        projection = new PaymentProjection(new PaymentRecords(statements));
    }

    @AfterEach
    void drop() {
        dropDatabase();
    }

    @Test
    void aRequestedPaymentIsReadBackAsRequested() {
        projection.on(requested("pay-1", "order-1", "alice", PaymentMethod.card("tok_visa", "visa", "4242")), T0);

        assertThat(find("pay-1")).isEqualTo(new PaymentView(PaymentId.of("pay-1"), "order-1", "alice",
                new BigDecimal("49.90"), "EUR", PaymentMethodType.CARD, PaymentStatus.REQUESTED, new BigDecimal("0.00"),
                new BigDecimal("0.00"), null, null, null, T0, T0));
        assertThat(find("pay-2")).as("an unknown payment").isNull();
    }

    @Test
    void noPartOfThePaymentMethodButItsTypeIsStored() {
        projection.on(requested("pay-1", "order-1", "alice", PaymentMethod.card("tok_visa_1234", "visa", "4242")), T0);

        // The columns are the table's whole content: none is meant for a token, a brand or digits.
        assertThat(jdbc.queryForList("SELECT column_name FROM information_schema.columns "
                        + "WHERE table_schema = SCHEMA() AND table_name = 'payment'", String.class))
                .map(String::toLowerCase)
                .containsExactlyInAnyOrder("payment_id", "order_id", "customer_id", "amount", "currency", "method_type",
                        "status", "captured_amount", "refunded_amount", "gateway", "gateway_reference",
                        "decline_reason", "requested_at", "updated_at");
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM payment WHERE payment_id = 'pay-1'");
        assertThat(row.values()).extracting(String::valueOf)
                .noneMatch(value -> value.contains("tok_") || value.contains("visa") || value.contains("4242"));
        assertThat(row.get("method_type")).isEqualTo("CARD");
    }

    @Test
    void eachEventWritesWhatItChangesAndLeavesTheRest() {
        projection.on(requested("pay-1", "order-1", "alice", PaymentMethod.card("tok_visa")), T0);

        projection.on(new PaymentCaptured(PaymentId.of("pay-1"), "order-1", new BigDecimal("49.90"), "EUR", "card", "ch_1"),
                T0.plusSeconds(1));
        PaymentView captured = find("pay-1");
        assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(captured.capturedAmount()).isEqualByComparingTo("49.90");
        assertThat(captured.gateway()).isEqualTo("card");
        assertThat(captured.gatewayReference()).isEqualTo("ch_1");
        assertThat(captured.updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(captured.requestedAt()).isEqualTo(T0);
        assertThat(captured.netAmount()).isEqualByComparingTo("49.90");

        projection.on(new PaymentRefundRequested(PaymentId.of("pay-1"), "order-1", new BigDecimal("49.90"), "EUR", "card",
                "ch_1", "order cancelled"), T0.plusSeconds(2));
        assertThat(find("pay-1")).isEqualTo(moved(captured, PaymentStatus.REFUND_PENDING, T0.plusSeconds(2)));

        projection.on(new PaymentRefunded(PaymentId.of("pay-1"), "order-1", new BigDecimal("49.90"), "EUR", "re_1"),
                T0.plusSeconds(3));
        PaymentView refunded = find("pay-1");
        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(refunded.refundedAmount()).isEqualByComparingTo("49.90");
        assertThat(refunded.capturedAmount()).isEqualByComparingTo("49.90");
        assertThat(refunded.gatewayReference()).as("the charge's reference, not the refund's").isEqualTo("ch_1");
        assertThat(refunded.netAmount()).isEqualByComparingTo("0");
        assertThat(refunded.updatedAt()).isEqualTo(T0.plusSeconds(3));

        projection.on(requested("pay-2", "order-2", "bob", PaymentMethod.wallet("wallet_1")), T0);
        projection.on(new PaymentDeclined(PaymentId.of("pay-2"), "order-2", "wallet", "wallet_declined"), T0.plusSeconds(4));
        PaymentView declined = find("pay-2");
        assertThat(declined.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(declined.gateway()).isEqualTo("wallet");
        assertThat(declined.declineReason()).isEqualTo("wallet_declined");
        assertThat(declined.gatewayReference()).isNull();
        assertThat(declined.capturedAmount()).isEqualByComparingTo("0");
        assertThat(declined.methodType()).isEqualTo(PaymentMethodType.WALLET);

        projection.on(requested("pay-3", "order-3", "carol", PaymentMethod.card("tok_visa")), T0);
        projection.on(new PaymentVoided(PaymentId.of("pay-3"), "order-3", "order expired"), T0.plusSeconds(5));
        PaymentView voided = find("pay-3");
        assertThat(voided.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(voided.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(voided.gateway()).isNull();
    }

    @Test
    void eachEventIsOneStatementWithoutAReadBeforeIt() {
        projection.on(requested("pay-1", "order-1", "alice", PaymentMethod.card("tok_visa")), T0);
        projection.on(new PaymentCaptured(PaymentId.of("pay-1"), "order-1", new BigDecimal("49.90"), "EUR", "card", "ch_1"),
                T0.plusSeconds(1));
        projection.on(new PaymentRefundRequested(PaymentId.of("pay-1"), "order-1", new BigDecimal("49.90"), "EUR", "card",
                "ch_1", "order cancelled"), T0.plusSeconds(2));
        projection.on(new PaymentRefunded(PaymentId.of("pay-1"), "order-1", new BigDecimal("49.90"), "EUR", "re_1"),
                T0.plusSeconds(3));
        projection.on(requested("pay-2", "order-2", "bob", PaymentMethod.card("tok_visa")), T0);
        projection.on(new PaymentDeclined(PaymentId.of("pay-2"), "order-2", "card", "card_declined"), T0.plusSeconds(1));
        projection.on(requested("pay-3", "order-3", "bob", PaymentMethod.card("tok_visa")), T0);
        projection.on(new PaymentVoided(PaymentId.of("pay-3"), "order-3", "order expired"), T0.plusSeconds(1));
        projection.on(requested("pay-3", "order-3", "bob", PaymentMethod.card("tok_visa")), T0);

        assertThat(statements.sql).hasSize(9).allMatch(sql -> sql.startsWith("INSERT") || sql.startsWith("UPDATE"));
    }

    @Test
    void eventsAppliedAgainLeaveTheRowAsItWas() {
        PaymentRequested request = requested("pay-1", "order-1", "alice", PaymentMethod.card("tok_visa"));
        PaymentCaptured capture = new PaymentCaptured(PaymentId.of("pay-1"), "order-1", new BigDecimal("49.90"), "EUR",
                "card", "ch_1");
        projection.on(request, T0);
        projection.on(capture, T0.plusSeconds(1));
        PaymentView before = find("pay-1");

        // Redelivered (or replayed onto a kept table): the request must not reset the payment to
        // REQUESTED, nor add a row; the capture writes the same values again. Each checked on its
        // own, since applying the capture again would hide a request that reset the row.
        projection.on(request, T0.plusSeconds(7));
        assertThat(find("pay-1")).isEqualTo(before);
        projection.on(capture, T0.plusSeconds(1));
        assertThat(find("pay-1")).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment", Integer.class)).isEqualTo(1);
    }

    @Test
    void anEventOfAPaymentWithoutARowChangesNothing() {
        projection.on(requested("pay-1", "order-1", "alice", PaymentMethod.card("tok_visa")), T0);
        PaymentView before = find("pay-1");

        projection.on(new PaymentCaptured(PaymentId.of("pay-9"), "order-9", BigDecimal.TEN, "EUR", "card", "ch_9"), T0);
        projection.on(new PaymentVoided(PaymentId.of("pay-9"), "order-9", "never requested"), T0);

        assertThat(find("pay-9")).isNull();
        assertThat(find("pay-1")).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment", Integer.class)).isEqualTo(1);
    }

    @Test
    void theOrdersPaymentsComeOldestRequestFirst() {
        projection.on(requested("pay-c", "order-1", "alice", PaymentMethod.card("tok_visa")), T0.plusSeconds(2));
        projection.on(requested("pay-b", "order-1", "alice", PaymentMethod.card("tok_visa")), T0);
        projection.on(requested("pay-x", "order-2", "alice", PaymentMethod.card("tok_visa")), T0);
        projection.on(requested("pay-a", "order-1", "alice", PaymentMethod.card("tok_visa")), T0.plusSeconds(1));
        projection.on(requested("pay-0", "order-1", "alice", PaymentMethod.card("tok_visa")), T0.plusSeconds(2));

        assertThat(projection.handle(new FindPaymentsByOrderQuery("order-1")).payments()).extracting(PaymentView::paymentId)
                .as("by request time, then by id").map(PaymentId::value)
                .containsExactly("pay-b", "pay-a", "pay-0", "pay-c");
        assertThat(projection.handle(new FindPaymentsByOrderQuery("order-3")).payments()).isEmpty();
    }

    @Test
    void pagesAreIdRangesWithOrWithoutAStatusAndTheLastSaysSo() {
        for (String id : List.of("pay-4", "pay-1", "pay-5", "pay-3", "pay-2")) {
            projection.on(requested(id, "order-" + id, "alice", PaymentMethod.card("tok_visa")), T0);
        }
        for (String id : List.of("pay-2", "pay-3", "pay-5")) {
            projection.on(new PaymentCaptured(PaymentId.of(id), "order-" + id, new BigDecimal("49.90"), "EUR", "card",
                    "ch_" + id), T0.plusSeconds(1));
        }

        PaymentPageView first = projection.handle(FindPaymentsPageQuery.first(2));
        assertThat(ids(first)).containsExactly("pay-1", "pay-2");
        assertThat(first.nextAfter()).isEqualTo(PaymentId.of("pay-2"));
        PaymentPageView second = projection.handle(FindPaymentsPageQuery.first(2).after(first.nextAfter()));
        assertThat(ids(second)).containsExactly("pay-3", "pay-4");
        PaymentPageView third = projection.handle(FindPaymentsPageQuery.first(2).after(second.nextAfter()));
        assertThat(ids(third)).containsExactly("pay-5");
        assertThat(third.last()).isTrue();
        PaymentPageView full = projection.handle(FindPaymentsPageQuery.first(5));
        assertThat(ids(full)).containsExactly("pay-1", "pay-2", "pay-3", "pay-4", "pay-5");
        assertThat(full.last()).as("a full last page is the last").isTrue();
        assertThat(projection.handle(FindPaymentsPageQuery.first(4)).nextAfter()).isEqualTo(PaymentId.of("pay-4"));

        FindPaymentsPageQuery captured = new FindPaymentsPageQuery(PaymentStatus.CAPTURED, null, 2);
        PaymentPageView capturedFirst = projection.handle(captured);
        assertThat(ids(capturedFirst)).containsExactly("pay-2", "pay-3");
        assertThat(capturedFirst.payments()).extracting(PaymentView::status).containsOnly(PaymentStatus.CAPTURED);
        PaymentPageView capturedRest = projection.handle(captured.after(capturedFirst.nextAfter()));
        assertThat(ids(capturedRest)).containsExactly("pay-5");
        assertThat(capturedRest.last()).isTrue();
        assertThat(ids(projection.handle(new FindPaymentsPageQuery(PaymentStatus.REQUESTED, PaymentId.of("pay-1"), 10))))
                .containsExactly("pay-4");
        assertThat(projection.handle(new FindPaymentsPageQuery(PaymentStatus.REFUNDED, null, 10)).payments()).isEmpty();
    }

    @Test
    void aResetEmptiesTheTable() {
        projection.on(requested("pay-1", "order-1", "alice", PaymentMethod.card("tok_visa")), T0);

        projection.reset();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM payment", Integer.class)).isZero();
    }

    /** Records the SQL of every statement prepared or created on its connections. */
    static final class StatementCounter extends DelegatingDataSource {

        final List<String> sql = new CopyOnWriteArrayList<>();

        StatementCounter(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement") || method.getName().equals("createStatement")) {
                            sql.add(args == null ? "(statement)" : String.valueOf(args[0]));
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    private PaymentView find(String paymentId) {
        return projection.handle(new FindPaymentQuery(PaymentId.of(paymentId)));
    }

    private static PaymentRequested requested(String paymentId, String orderId, String customerId, PaymentMethod method) {
        return new PaymentRequested(PaymentId.of(paymentId), orderId, customerId, new BigDecimal("49.90"), "EUR", method);
    }

    private static PaymentView moved(PaymentView view, PaymentStatus status, Instant at) {
        return new PaymentView(view.paymentId(), view.orderId(), view.customerId(), view.amount(), view.currency(),
                view.methodType(), status, view.capturedAmount(), view.refundedAmount(), view.gateway(),
                view.gatewayReference(), view.declineReason(), view.requestedAt(), at);
    }

    private static List<String> ids(PaymentPageView page) {
        return page.payments().stream().map(view -> view.paymentId().value()).toList();
    }
}
