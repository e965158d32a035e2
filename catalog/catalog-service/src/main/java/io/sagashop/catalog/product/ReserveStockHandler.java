package io.sagashop.catalog.product;

import io.sagashop.catalog.api.ReservationStatus;
import io.sagashop.catalog.api.ReserveStock;
import io.sagashop.catalog.api.StockRejectionReason;
import io.sagashop.catalog.api.StockReservationRejected;
import io.sagashop.catalog.api.StockReservationResult;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Handles the saga's ReserveStock. A product that does not exist has no aggregate to answer, yet
 * the saga waits for an answer: so this handler, not the aggregate, takes the command, loads the
 * product and lets it decide, and when there is no such product publishes
 * StockReservationRejected(UNKNOWN_PRODUCT) itself, as an event with no aggregate behind it.
 * Nothing is stored for an unknown product, so a repeat publishes the same rejection again; the
 * saga treats a rejection it has already seen as a no-op.
 */
@Component
class ReserveStockHandler {

    private final Repository<Product> products;
    private final EventGateway events;

    ReserveStockHandler(@Qualifier("productRepository") Repository<Product> products, EventGateway events) {
        this.products = products;
        this.events = events;
    }

    @CommandHandler
    StockReservationResult handle(ReserveStock cmd) {
        if (cmd.productId() == null) {
            throw ProductErrors.invalid("productId", "must not be null");
        }
        Product.requireReservationFields(cmd.orderId(), cmd.quantity());
        Aggregate<Product> product;
        try {
            product = products.load(cmd.productId().value());
        } catch (AggregateNotFoundException unknown) {
            events.publish(new StockReservationRejected(cmd.productId(), cmd.orderId(), cmd.quantity(),
                    StockRejectionReason.UNKNOWN_PRODUCT));
            return new StockReservationResult(cmd.productId(), cmd.orderId(), cmd.quantity(),
                    ReservationStatus.REJECTED, StockRejectionReason.UNKNOWN_PRODUCT, null, null);
        }
        return product.invoke(p -> p.reserve(cmd));
    }
}
