package io.sagashop.recommendation.history;

import io.sagashop.order.api.OrderCancelled;
import io.sagashop.order.api.OrderConfirmed;
import io.sagashop.order.api.OrderLine;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Table {@code purchase} from the order service's outcomes. A confirmed order's lines become
 * purchases keyed by (order, product), so a replayed confirmation adds nothing. A cancelled order
 * is no purchase: {@code OrderCancelled} removes its rows (they exist only when it had been
 * confirmed, i.e. {@code refunded=true}) and leaves a tombstone, so that a confirmation delivered
 * again later does not bring them back.
 */
@Component
@ProcessingGroup(Views.PROCESSING_GROUP)
class PurchaseProjection {

    private final JdbcClient db;

    PurchaseProjection(JdbcClient db) {
        this.db = db;
    }

    @EventHandler
    void on(OrderConfirmed event) {
        String orderId = event.orderId().value();
        boolean cancelled = db.sql("SELECT COUNT(*) FROM cancelled_order WHERE order_id = ?")
                .param(orderId).query(Integer.class).single() > 0;
        if (cancelled) {
            return;
        }
        for (OrderLine line : event.lines()) {
            db.sql("INSERT IGNORE INTO purchase (order_id, product_id, customer_id, quantity) VALUES (?, ?, ?, ?)")
                    .params(orderId, line.productId().value(), event.customerId(), line.quantity())
                    .update();
        }
    }

    @EventHandler
    void on(OrderCancelled event) {
        String orderId = event.orderId().value();
        db.sql("INSERT IGNORE INTO cancelled_order (order_id) VALUES (?)").param(orderId).update();
        db.sql("DELETE FROM purchase WHERE order_id = ?").param(orderId).update();
    }

    @ResetHandler
    void reset() {
        db.sql("DELETE FROM purchase").update();
        db.sql("DELETE FROM cancelled_order").update();
    }
}
