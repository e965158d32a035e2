package io.sagashop.catalog.product;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.sagashop.catalog.api.ProductId;
import io.sagashop.catalog.api.ReservationStatus;
import io.sagashop.catalog.api.StockRejectionReason;
import io.sagashop.catalog.api.StockReservationResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Part of the {@link Product} aggregate's state: the orders' reservations of the product, so that
 * a repeated saga command is recognised and answered the same.
 *
 * <p>Open reservations (units held) are kept until the saga releases or commits them; there are
 * at most as many as units in stock. A settled one (rejected, released, sold, returned) is kept
 * for the retention after it settled and then forgotten, so the state does not grow with the
 * product's history: {@code settled} is in settlement order, and every settlement drops the
 * entries older than the retention from its head (the event's timestamp is the clock, so a
 * replay forgets exactly what the live aggregate forgot). Serialized into the product's
 * snapshots by field.
 *
 * <p>What is forgotten of sales is kept as one number, {@code soldForgotten}: the units of sold
 * reservations dropped after the retention and not returned since. A confirmed order may be
 * cancelled at any age, so its return must still be possible when the product no longer knows
 * the sale; the number bounds such returns, so that units never sold never come back.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
final class StockReservations {

    private final Map<String, Reservation> open = new HashMap<>();
    private final LinkedHashMap<String, Reservation> settled = new LinkedHashMap<>();
    private int soldForgotten;

    ReservationStatus statusOf(String orderId) {
        Reservation r = find(orderId);
        return r == null ? ReservationStatus.NONE : r.status();
    }

    /** Units of the order's reservation, 0 when there is none or it was released before it was made. */
    int quantityOf(String orderId) {
        Reservation r = find(orderId);
        return r == null ? 0 : r.quantity();
    }

    /** Whether a ReleaseStock came before any reservation of the order: it may never reserve. */
    boolean releasedBeforeReserved(String orderId) {
        Reservation r = settled.get(orderId);
        return r != null && r.status() == ReservationStatus.RELEASED && r.quantity() == 0;
    }

    void reserved(String orderId, int quantity, BigDecimal unitPrice, String currency) {
        open.put(orderId, new Reservation(quantity, ReservationStatus.RESERVED, null, unitPrice, currency, 0));
    }

    void rejected(String orderId, int quantity, StockRejectionReason reason, Instant at, Duration retention) {
        settle(orderId, new Reservation(quantity, ReservationStatus.REJECTED, reason, null, null, at.toEpochMilli()), at, retention);
    }

    /** Released: held units went back, or (none held) the order is released before it reserved. */
    void released(String orderId, Instant at, Duration retention) {
        move(orderId, ReservationStatus.RELEASED, at, retention);
    }

    void committed(String orderId, Instant at, Duration retention) {
        move(orderId, ReservationStatus.COMMITTED, at, retention);
    }

    /**
     * Sold units came back. When the sale is no longer remembered (forgotten after the retention),
     * the event's quantity comes out of the forgotten sales.
     */
    void returned(String orderId, int quantity, Instant at, Duration retention) {
        if (find(orderId) == null) {
            soldForgotten -= quantity;
            settle(orderId, new Reservation(quantity, ReservationStatus.RETURNED, null, null, null, at.toEpochMilli()), at, retention);
        } else {
            move(orderId, ReservationStatus.RETURNED, at, retention);
        }
    }

    /** Units sold in reservations forgotten after the retention and not returned since. */
    int soldForgotten() {
        return soldForgotten;
    }

    /** Reservations remembered: open plus settled within the retention. */
    int size() {
        return open.size() + settled.size();
    }

    StockReservationResult resultFor(ProductId productId, String orderId) {
        Reservation r = find(orderId);
        if (r == null) {
            return new StockReservationResult(productId, orderId, 0, ReservationStatus.NONE, null, null, null);
        }
        return new StockReservationResult(productId, orderId, r.quantity(), r.status(), r.rejectionReason(),
                r.unitPrice(), r.currency());
    }

    private void move(String orderId, ReservationStatus to, Instant at, Duration retention) {
        Reservation r = find(orderId);
        Reservation moved = r == null
                ? new Reservation(0, to, null, null, null, at.toEpochMilli())
                : new Reservation(r.quantity(), to, r.rejectionReason(), r.unitPrice(), r.currency(), at.toEpochMilli());
        settle(orderId, moved, at, retention);
    }

    private void settle(String orderId, Reservation r, Instant at, Duration retention) {
        open.remove(orderId);
        settled.remove(orderId); // put again at the end: the map stays in settlement order
        settled.put(orderId, r);
        forgetSettledBefore(at.minus(retention).toEpochMilli());
    }

    private void forgetSettledBefore(long cutoff) {
        Iterator<Reservation> oldestFirst = settled.values().iterator();
        while (oldestFirst.hasNext()) {
            Reservation oldest = oldestFirst.next();
            if (oldest.settledAt() >= cutoff) {
                return;
            }
            if (oldest.status() == ReservationStatus.COMMITTED) {
                soldForgotten += oldest.quantity();
            }
            oldestFirst.remove();
        }
    }

    private Reservation find(String orderId) {
        Reservation r = open.get(orderId);
        return r != null ? r : settled.get(orderId);
    }

    /**
     * One order's reservation.
     *
     * @param settledAt epoch milliseconds of the event that settled it; 0 while it is open
     */
    record Reservation(int quantity, ReservationStatus status, StockRejectionReason rejectionReason,
                       BigDecimal unitPrice, String currency, long settledAt) {
    }
}
