package io.sagashop.catalog.product;

import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ReservationStatus;
import io.sagashop.catalog.api.StockRejectionReason;
import io.sagashop.catalog.api.StockReservationRejected;
import io.sagashop.catalog.api.StockReservationResult;
import io.sagashop.catalog.api.StockReserved;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Part of the {@link Product} aggregate's state: every order's reservation of the product, kept
 * after it ends so that a repeated saga command is recognised and answered the same.
 */
final class StockReservations {

    private final Map<String, Reservation> byOrder = new HashMap<>();

    ReservationStatus statusOf(String orderId) {
        Reservation r = byOrder.get(orderId);
        return r == null ? ReservationStatus.NONE : r.status();
    }

    /** Units of the order's reservation, 0 when there is none. */
    int quantityOf(String orderId) {
        Reservation r = byOrder.get(orderId);
        return r == null ? 0 : r.quantity();
    }

    void reserved(StockReserved e) {
        byOrder.put(e.orderId(), new Reservation(e.quantity(), ReservationStatus.RESERVED, null, e.unitPrice(), e.currency()));
    }

    void rejected(StockReservationRejected e) {
        byOrder.put(e.orderId(), new Reservation(e.quantity(), ReservationStatus.REJECTED, e.reason(), null, null));
    }

    void move(String orderId, ReservationStatus to) {
        byOrder.computeIfPresent(orderId, (order, r) ->
                new Reservation(r.quantity(), to, r.rejectionReason(), r.unitPrice(), r.currency()));
    }

    StockReservationResult resultFor(ProductId productId, String orderId) {
        Reservation r = byOrder.get(orderId);
        if (r == null) {
            return new StockReservationResult(productId, orderId, 0, ReservationStatus.NONE, null, null, null);
        }
        return new StockReservationResult(productId, orderId, r.quantity(), r.status(), r.rejectionReason(),
                r.unitPrice(), r.currency());
    }

    private record Reservation(int quantity, ReservationStatus status, StockRejectionReason rejectionReason,
                               BigDecimal unitPrice, String currency) {
    }
}
