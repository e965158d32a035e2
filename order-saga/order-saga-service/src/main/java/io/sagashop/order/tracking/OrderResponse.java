package io.sagashop.order.tracking;

import io.sagashop.order.api.OrderLine;
import io.sagashop.order.api.OrderPageView;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderStepView;
import io.sagashop.order.api.OrderView;
import io.sagashop.order.api.RejectionReason;
import io.sagashop.order.api.ShippingAddress;
import io.sagashop.payment.api.PaymentMethodType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as the HTTP API shows it: the {@link OrderView} with its typed ids as plain strings
 * (the records would otherwise appear as {@code {"value": ...}}).
 */
record OrderResponse(String orderId, String customerId, OrderStatus status, List<Line> lines, BigDecimal total,
                     String currency, PaymentMethodType paymentMethod, String paymentId, String paymentStatus,
                     ShippingAddress shippingAddress, RejectionReason rejectionReason, String rejectionDetail,
                     Instant placedAt, Instant updatedAt, List<OrderStepView> timeline) {

    /** One line with its total. */
    record Line(String productId, String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {

        static Line of(OrderLine line) {
            return new Line(line.productId().value(), line.sku(), line.name(), line.quantity(), line.unitPrice(),
                    line.lineTotal());
        }
    }

    /** A page of orders, newest first. */
    record Page(List<OrderResponse> orders, int page, int size, long totalElements) {

        static Page of(OrderPageView view) {
            return new Page(view.orders().stream().map(OrderResponse::of).toList(), view.page(), view.size(),
                    view.totalElements());
        }
    }

    static OrderResponse of(OrderView view) {
        return new OrderResponse(view.orderId().value(), view.customerId(), view.status(),
                view.lines().stream().map(Line::of).toList(), view.total(), view.currency(), view.paymentMethod(),
                view.paymentId() == null ? null : view.paymentId().value(), view.paymentStatus(), view.shippingAddress(),
                view.rejectionReason(), view.rejectionDetail(), view.placedAt(), view.updatedAt(), view.timeline());
    }
}
