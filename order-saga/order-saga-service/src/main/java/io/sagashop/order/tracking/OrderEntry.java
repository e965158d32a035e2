package io.sagashop.order.tracking;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderStepView;
import io.sagashop.order.api.OrderView;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.order.api.ShippingAddress;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethodType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order as the tracking side knows it: one row of {@code order_view} with its lines and its
 * timeline of steps. It remembers what changed since it was read, so that {@link OrderEntries#save}
 * writes only that: the row when a field moved, the lines whose reservation changed, the new steps.
 */
final class OrderEntry {

    final String orderId;
    final String customerId;
    final BigDecimal total;
    final String currency;
    final PaymentMethodType paymentMethod;
    final ShippingAddress address;
    final Instant placedAt;
    final List<Line> lines;
    final List<Step> steps;

    OrderStatus status;
    String paymentId;
    String paymentStatus;
    RejectionReason rejectionReason;
    String rejectionDetail;
    Instant updatedAt;

    /** Whether the row exists in the table; false for an order placed in this unit of work. */
    boolean stored;
    /** Whether a field of the row changed since it was read or written. */
    boolean changed;
    /** Steps already in the table: the ones after them are written by the next save. */
    int storedSteps;

    /** A newly placed order, not yet stored. */
    OrderEntry(OrderId orderId, String customerId, List<OrderLine> lines, BigDecimal total, String currency,
               PaymentMethodType paymentMethod, ShippingAddress address, Instant placedAt) {
        this(orderId.value(), customerId, total, currency, paymentMethod, address, placedAt,
                lines.stream().map(line -> new Line(line, false)).toList(), List.of());
        this.status = OrderStatus.PLACED;
        this.updatedAt = placedAt;
    }

    /** An order read from the table; the caller sets its mutable fields. */
    OrderEntry(String orderId, String customerId, BigDecimal total, String currency, PaymentMethodType paymentMethod,
               ShippingAddress address, Instant placedAt, List<Line> lines, List<Step> steps) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.total = total;
        this.currency = currency;
        this.paymentMethod = paymentMethod;
        this.address = address;
        this.placedAt = placedAt;
        this.lines = List.copyOf(lines);
        this.steps = new ArrayList<>(steps);
    }

    /** Whether the event with this id was already applied (each applied event leaves one step). */
    boolean applied(String eventId) {
        return steps.stream().anyMatch(step -> step.eventId().equals(eventId));
    }

    void step(String eventId, String step, Instant at, String detail) {
        steps.add(new Step(step, at, detail, eventId));
        if (updatedAt == null || at.isAfter(updatedAt)) {
            updatedAt = at;
            changed = true;
        }
    }

    void status(OrderStatus status) {
        if (this.status != status) {
            this.status = status;
            changed = true;
        }
    }

    OrderStatus status() {
        return status;
    }

    /** Records the order's payment; a second, different payment does not replace the first. */
    void payment(String paymentId, String paymentStatus) {
        if (this.paymentId == null) {
            this.paymentId = paymentId;
            changed = true;
        }
        if (this.paymentId.equals(paymentId) && paymentStatus != null && !paymentStatus.equals(this.paymentStatus)) {
            this.paymentStatus = paymentStatus;
            changed = true;
        }
    }

    /**
     * Marks the product's line reserved; answers whether this reservation was the last one
     * missing (so the order's stock is now reserved in full). A repeat answers false.
     */
    boolean lineReserved(String productId) {
        boolean marked = false;
        for (Line line : lines) {
            if (line.productId.equals(productId) && !line.reserved) {
                line.reserved = true;
                line.changed = true;
                marked = true;
            }
        }
        return marked && lines.stream().allMatch(line -> line.reserved);
    }

    void rejected(RejectionReason reason, String detail) {
        this.rejectionReason = reason;
        this.rejectionDetail = detail;
        changed = true;
    }

    /** Everything is in the table now: later changes are counted from here. */
    void saved() {
        stored = true;
        changed = false;
        storedSteps = steps.size();
        lines.forEach(line -> line.changed = false);
    }

    OrderView toView() {
        return new OrderView(OrderId.of(orderId), customerId, status, lines.stream().map(Line::toLine).toList(), total,
                currency, paymentMethod, paymentId == null ? null : PaymentId.of(paymentId), paymentStatus, address,
                rejectionReason, rejectionDetail, placedAt, updatedAt, steps.stream().map(Step::toView).toList());
    }

    /** One priced line, and whether the catalog holds its units (its {@code StockReserved} was seen). */
    static final class Line {
        final String productId;
        final String sku;
        final String name;
        final int quantity;
        final BigDecimal unitPrice;
        boolean reserved;
        /** The reservation changed since the line was read or written. */
        boolean changed;

        Line(String productId, String sku, String name, int quantity, BigDecimal unitPrice, boolean reserved) {
            this.productId = productId;
            this.sku = sku;
            this.name = name;
            this.quantity = quantity;
            this.unitPrice = unitPrice;
            this.reserved = reserved;
        }

        Line(OrderLine line, boolean reserved) {
            this(line.productId().value(), line.sku(), line.name(), line.quantity(), line.unitPrice(), reserved);
        }

        OrderLine toLine() {
            return new OrderLine(ProductId.of(productId), sku, name, quantity, unitPrice);
        }
    }

    /** One step of the timeline, with the id of the event that made it. */
    record Step(String step, Instant at, String detail, String eventId) {

        OrderStepView toView() {
            return new OrderStepView(step, at, detail);
        }
    }
}
