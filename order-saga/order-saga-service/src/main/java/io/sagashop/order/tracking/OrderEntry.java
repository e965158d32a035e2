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
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One row of {@code order_view} with its lines and steps: an order as the tracking side knows it. */
@Entity
@Table(name = "order_view")
class OrderEntry {

    @Id
    private String orderId;
    private String customerId;
    @Enumerated(EnumType.STRING)
    private OrderStatus status;
    private BigDecimal total;
    private String currency;
    @Enumerated(EnumType.STRING)
    private PaymentMethodType paymentMethod;
    private String paymentId;
    private String paymentStatus;
    private String recipient;
    private String street;
    private String postalCode;
    private String city;
    private String country;
    @Enumerated(EnumType.STRING)
    private RejectionReason rejectionReason;
    private String rejectionDetail;
    private Instant placedAt;
    private Instant updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_view_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<Line> lines = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_view_step", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "step_no")
    private List<Step> steps = new ArrayList<>();

    protected OrderEntry() {
    }

    OrderEntry(OrderId orderId, String customerId, List<OrderLine> lines, BigDecimal total, String currency,
               PaymentMethodType paymentMethod, ShippingAddress address, Instant placedAt) {
        this.orderId = orderId.value();
        this.customerId = customerId;
        this.status = OrderStatus.PLACED;
        this.total = total;
        this.currency = currency;
        this.paymentMethod = paymentMethod;
        if (address != null) {
            this.recipient = address.recipient();
            this.street = address.street();
            this.postalCode = address.postalCode();
            this.city = address.city();
            this.country = address.country();
        }
        lines.forEach(line -> this.lines.add(new Line(line)));
        this.placedAt = placedAt;
        this.updatedAt = placedAt;
    }

    /** Whether the event with this id was already applied (each applied event leaves one step). */
    boolean applied(String eventId) {
        return steps.stream().anyMatch(step -> step.eventId.equals(eventId));
    }

    void step(String eventId, String step, Instant at, String detail) {
        steps.add(new Step(step, at, detail, eventId));
        if (updatedAt == null || at.isAfter(updatedAt)) {
            updatedAt = at;
        }
    }

    void status(OrderStatus status) {
        this.status = status;
    }

    OrderStatus status() {
        return status;
    }

    /** Records the order's payment; a second, different payment does not replace the first. */
    void payment(String paymentId, String paymentStatus) {
        if (this.paymentId == null) {
            this.paymentId = paymentId;
        }
        if (this.paymentId.equals(paymentId) && paymentStatus != null) {
            this.paymentStatus = paymentStatus;
        }
    }

    /**
     * Marks the product's line reserved; answers whether this reservation was the last one
     * missing (so the order's stock is now reserved in full). A repeat answers false.
     */
    boolean lineReserved(String productId) {
        boolean changed = false;
        for (Line line : lines) {
            if (line.productId.equals(productId) && !line.reserved) {
                line.reserved = true;
                changed = true;
            }
        }
        return changed && lines.stream().allMatch(line -> line.reserved);
    }

    void rejected(RejectionReason reason, String detail) {
        this.rejectionReason = reason;
        this.rejectionDetail = detail;
    }

    OrderView toView() {
        ShippingAddress address = recipient == null && street == null ? null
                : new ShippingAddress(recipient, street, postalCode, city, country);
        return new OrderView(OrderId.of(orderId), customerId, status, lines.stream().map(Line::toLine).toList(), total,
                currency, paymentMethod, paymentId == null ? null : PaymentId.of(paymentId), paymentStatus, address,
                rejectionReason, rejectionDetail, placedAt, updatedAt, steps.stream().map(Step::toView).toList());
    }

    /** One priced line. */
    @Embeddable
    static class Line {
        private String productId;
        private String sku;
        private String name;
        private int quantity;
        private BigDecimal unitPrice;
        /** The catalog holds its units (its {@code StockReserved} was seen). */
        private boolean reserved;

        protected Line() {
        }

        Line(OrderLine line) {
            this.productId = line.productId().value();
            this.sku = line.sku();
            this.name = line.name();
            this.quantity = line.quantity();
            this.unitPrice = line.unitPrice();
        }

        OrderLine toLine() {
            return new OrderLine(ProductId.of(productId), sku, name, quantity, unitPrice);
        }
    }

    /** One step of the timeline, with the id of the event that made it. */
    @Embeddable
    static class Step {
        private String step;
        @Column(name = "at")
        private Instant at;
        private String detail;
        private String eventId;

        protected Step() {
        }

        Step(String step, Instant at, String detail, String eventId) {
            this.step = step;
            this.at = at;
            this.detail = detail;
            this.eventId = eventId;
        }

        OrderStepView toView() {
            return new OrderStepView(step, at, detail);
        }
    }
}
