package io.sagashop.order.tracking;

import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.order.api.ShippingAddress;
import io.sagashop.payment.api.PaymentMethodType;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tables {@code order_view}, {@code order_view_line} and {@code order_view_step}, in plain SQL.
 *
 * <p>The projection reads an order and writes what one event changed in it, a few hundred
 * times a second under load. Through JPA each event paid for a persistence context, a join of
 * lines and steps that multiplied into one result row per pair, dirty checking of every field at
 * the flush, and Hibernate's session around every transaction of the service; here an event
 * costs one read (the order, its lines and its steps in one statement) and the writes it needs
 * (docs/performance.md, sessions 12 and 18). Statements
 * run in the caller's transaction (the event processor's unit of work).
 */
@Repository
class OrderEntries {

    private static final String COLUMNS = "order_id, customer_id, status, total, currency, payment_method, payment_id, "
            + "payment_status, recipient, street, postal_code, city, country, rejection_reason, rejection_detail, "
            + "placed_at, updated_at";

    private static final String LINE_COLUMNS = "product_id, sku, name, quantity, unit_price, reserved";
    private static final String STEP_COLUMNS = "step, at, detail, event_id";

    /** See {@link #findById}: the part ("o" the order, "l" a line, "s" a step) and its position. */
    private static final String FIND_BY_ID = "SELECT 'o' AS part, 0 AS position, " + COLUMNS + ", "
            + nulls(LINE_COLUMNS) + ", " + nulls(STEP_COLUMNS) + " FROM order_view WHERE order_id = ?"
            + " UNION ALL SELECT 'l', line_no, " + nulls(COLUMNS) + ", " + LINE_COLUMNS + ", " + nulls(STEP_COLUMNS)
            + " FROM order_view_line WHERE order_id = ?"
            + " UNION ALL SELECT 's', step_no, " + nulls(COLUMNS) + ", " + nulls(LINE_COLUMNS) + ", " + STEP_COLUMNS
            + " FROM order_view_step WHERE order_id = ?"
            + " ORDER BY part, position";

    private final JdbcClient jdbc;

    OrderEntries(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Stores a new order with its lines and steps; false, writing nothing, when the order is there
     * already (its placement applied before: a replay or a redelivery). The insert itself tells, where a
     * read first cost every order a statement: on MariaDB a duplicate key fails only the statement,
     * not the transaction.
     */
    boolean add(OrderEntry entry) {
        try {
            insert(entry);
        } catch (DuplicateKeyException exists) {
            return false;
        }
        insertSteps(entry, entry.storedSteps);
        entry.saved();
        return true;
    }

    /**
     * The order with its lines and steps, in one statement: the three reads of the view's tables
     * as one {@code UNION ALL}, each part filling its own columns and leaving the others null, so
     * each column keeps its type. The projection reads an order for every event it applies; one
     * round trip instead of three is a third of its statements per event.
     */
    Optional<OrderEntry> findById(String orderId) {
        List<Row> rows = new ArrayList<>(1);
        List<OrderEntry.Line> lines = new ArrayList<>();
        List<OrderEntry.Step> steps = new ArrayList<>();
        jdbc.sql(FIND_BY_ID).params(orderId, orderId, orderId).query(rs -> {
            switch (rs.getString("part")) {
                case "o" -> rows.add(row(rs, 0));
                case "l" -> lines.add(line(rs));
                default -> steps.add(step(rs));
            }
        });
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).entry(lines, steps));
    }

    /** A page of orders, newest placed first, with the count of all that match. */
    Page find(String customerId, OrderStatus status, int page, int size) {
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        List<Object> params = new ArrayList<>();
        if (customerId != null) {
            where.add("customer_id = ?");
            params.add(customerId);
        }
        if (status != null) {
            where.add("status = ?");
            params.add(status.name());
        }
        long total = jdbc.sql("SELECT count(*) FROM order_view" + where).params(params).query(Long.class).single();
        List<Row> rows = jdbc.sql("SELECT " + COLUMNS + " FROM order_view" + where
                        + " ORDER BY placed_at DESC, order_id ASC LIMIT " + size + " OFFSET " + (long) page * size)
                .params(params).query(OrderEntries::row).list();
        return new Page(withLinesAndSteps(rows), total);
    }

    /**
     * At most {@code limit} orders whose id comes after {@code afterOrderId} ({@code null}: from the
     * first), in order id order: a range of the primary key, however many orders there are.
     */
    List<OrderEntry> after(String afterOrderId, int limit) {
        List<Row> rows = afterOrderId == null
                ? jdbc.sql("SELECT " + COLUMNS + " FROM order_view ORDER BY order_id LIMIT ?").param(limit)
                        .query(OrderEntries::row).list()
                : jdbc.sql("SELECT " + COLUMNS + " FROM order_view WHERE order_id > ? ORDER BY order_id LIMIT ?")
                        .params(afterOrderId, limit).query(OrderEntries::row).list();
        return withLinesAndSteps(rows);
    }

    /** The rows as entries, with their lines and steps read in one statement each. */
    private List<OrderEntry> withLinesAndSteps(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(Row::orderId).toList();
        String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
        Map<String, List<OrderEntry.Line>> lines = new HashMap<>();
        jdbc.sql("SELECT order_id, product_id, sku, name, quantity, unit_price, reserved FROM order_view_line "
                        + "WHERE order_id IN (" + in + ") ORDER BY order_id, line_no")
                .params(ids).query(rs -> {
                    lines.computeIfAbsent(rs.getString("order_id"), id -> new ArrayList<>()).add(line(rs));
                });
        Map<String, List<OrderEntry.Step>> steps = new HashMap<>();
        jdbc.sql("SELECT order_id, step, at, detail, event_id FROM order_view_step "
                        + "WHERE order_id IN (" + in + ") ORDER BY order_id, step_no")
                .params(ids).query(rs -> {
                    steps.computeIfAbsent(rs.getString("order_id"), id -> new ArrayList<>()).add(step(rs));
                });
        return rows.stream().map(row -> row.entry(lines.getOrDefault(row.orderId(), List.of()),
                steps.getOrDefault(row.orderId(), List.of()))).toList();
    }

    /** Writes what changed in the entry since it was read or last saved. */
    void save(OrderEntry entry) {
        if (!entry.stored) {
            insert(entry);
        } else {
            if (entry.changed) {
                jdbc.sql("UPDATE order_view SET status = ?, payment_id = ?, payment_status = ?, rejection_reason = ?, "
                                + "rejection_detail = ?, updated_at = ? WHERE order_id = ?")
                        .params(entry.status.name(), entry.paymentId, entry.paymentStatus, name(entry.rejectionReason),
                                entry.rejectionDetail, ts(entry.updatedAt), entry.orderId)
                        .update();
            }
            for (int i = 0; i < entry.lines.size(); i++) {
                OrderEntry.Line line = entry.lines.get(i);
                if (line.changed) {
                    jdbc.sql("UPDATE order_view_line SET reserved = ? WHERE order_id = ? AND line_no = ?")
                            .params(line.reserved, entry.orderId, i).update();
                }
            }
        }
        insertSteps(entry, entry.storedSteps);
        entry.saved();
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM order_view_step").update();
        jdbc.sql("DELETE FROM order_view_line").update();
        jdbc.sql("DELETE FROM order_view").update();
    }

    private void insert(OrderEntry entry) {
        ShippingAddress address = entry.address;
        jdbc.sql("INSERT INTO order_view (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(entry.orderId, entry.customerId, entry.status.name(), entry.total, entry.currency,
                        name(entry.paymentMethod), entry.paymentId, entry.paymentStatus,
                        address == null ? null : address.recipient(), address == null ? null : address.street(),
                        address == null ? null : address.postalCode(), address == null ? null : address.city(),
                        address == null ? null : address.country(), name(entry.rejectionReason), entry.rejectionDetail,
                        ts(entry.placedAt), ts(entry.updatedAt))
                .update();
        if (entry.lines.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < entry.lines.size(); i++) {
            OrderEntry.Line line = entry.lines.get(i);
            Collections.addAll(params, entry.orderId, i, line.productId, line.sku, line.name, line.quantity,
                    line.unitPrice, line.reserved);
        }
        jdbc.sql("INSERT INTO order_view_line (order_id, line_no, product_id, sku, name, quantity, unit_price, reserved) "
                + "VALUES " + rows(entry.lines.size(), "(?, ?, ?, ?, ?, ?, ?, ?)")).params(params).update();
    }

    /** One multi-row INSERT for the steps from {@code from} on (usually one). */
    private void insertSteps(OrderEntry entry, int from) {
        int count = entry.steps.size() - from;
        if (count <= 0) {
            return;
        }
        List<Object> params = new ArrayList<>();
        for (int i = from; i < entry.steps.size(); i++) {
            OrderEntry.Step step = entry.steps.get(i);
            Collections.addAll(params, entry.orderId, i, step.step(), ts(step.at()), step.detail(), step.eventId());
        }
        jdbc.sql("INSERT INTO order_view_step (order_id, step_no, step, at, detail, event_id) VALUES "
                + rows(count, "(?, ?, ?, ?, ?, ?)")).params(params).update();
    }

    /** {@code NULL AS c} for each of the columns, keeping their names in a union's other parts. */
    private static String nulls(String columns) {
        return Arrays.stream(columns.split(", ")).map(column -> "NULL AS " + column).collect(Collectors.joining(", "));
    }

    private static String rows(int count, String row) {
        return String.join(", ", Collections.nCopies(count, row));
    }

    /** The columns of one {@code order_view} row, before its lines and steps are read. */
    private record Row(String orderId, String customerId, OrderStatus status, BigDecimal total,
                       String currency, PaymentMethodType paymentMethod, String paymentId, String paymentStatus,
                       ShippingAddress address, RejectionReason rejectionReason, String rejectionDetail,
                       Instant placedAt, Instant updatedAt) {

        OrderEntry entry(List<OrderEntry.Line> lines, List<OrderEntry.Step> steps) {
            OrderEntry entry = new OrderEntry(orderId, customerId, total, currency, paymentMethod, address, placedAt,
                    lines, steps);
            entry.status = status;
            entry.paymentId = paymentId;
            entry.paymentStatus = paymentStatus;
            entry.rejectionReason = rejectionReason;
            entry.rejectionDetail = rejectionDetail;
            entry.updatedAt = updatedAt;
            entry.saved();
            return entry;
        }
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        String recipient = rs.getString("recipient");
        String street = rs.getString("street");
        ShippingAddress address = recipient == null && street == null ? null
                : new ShippingAddress(recipient, street, rs.getString("postal_code"), rs.getString("city"),
                        rs.getString("country"));
        return new Row(rs.getString("order_id"), rs.getString("customer_id"), OrderStatus.valueOf(rs.getString("status")),
                rs.getBigDecimal("total"), rs.getString("currency"),
                value(PaymentMethodType.class, rs.getString("payment_method")), rs.getString("payment_id"),
                rs.getString("payment_status"), address, value(RejectionReason.class, rs.getString("rejection_reason")),
                rs.getString("rejection_detail"), instant(rs, "placed_at"), instant(rs, "updated_at"));
    }

    private static OrderEntry.Line line(ResultSet rs) throws SQLException {
        return new OrderEntry.Line(rs.getString("product_id"), rs.getString("sku"), rs.getString("name"),
                rs.getInt("quantity"), rs.getBigDecimal("unit_price"), rs.getBoolean("reserved"));
    }

    private static OrderEntry.Step step(ResultSet rs) throws SQLException {
        return new OrderEntry.Step(rs.getString("step"), instant(rs, "at"), rs.getString("detail"),
                rs.getString("event_id"));
    }

    private static <E extends Enum<E>> E value(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** One page of {@link #find}: the entries and how many orders match in all. */
    record Page(List<OrderEntry> entries, long total) {
    }
}
