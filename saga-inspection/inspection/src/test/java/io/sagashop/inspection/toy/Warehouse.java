package io.sagashop.inspection.toy;

import io.sagashop.inspection.toy.Shipping.DeliverShipment;
import io.sagashop.inspection.toy.Shipping.PackShipment;
import io.sagashop.inspection.toy.Shipping.ShipmentDelivered;
import io.sagashop.inspection.toy.Shipping.ShipmentPacked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.stereotype.Component;

/** The toy participant: packs and delivers at once, except a shipment whose id starts with {@code stall-} (never packed). */
@Component
class Warehouse {

    private final EventGateway events;

    Warehouse(EventGateway events) {
        this.events = events;
    }

    @CommandHandler
    void handle(PackShipment command) {
        if (!command.shipmentId().startsWith("stall-")) {
            events.publish(new ShipmentPacked(command.shipmentId()));
        }
    }

    @CommandHandler
    void handle(DeliverShipment command) {
        events.publish(new ShipmentDelivered(command.shipmentId()));
    }
}
