package io.sagashop.inspection.toy;

import io.sagashop.inspection.InspectedSagaType;
import io.sagashop.inspection.SagaActionRequest;
import io.sagashop.inspection.api.SagaAction;
import io.sagashop.inspection.toy.Shipping.ShipmentActionRequested;
import java.util.Set;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.stereotype.Component;

/** The toy saga's operator actions: retry and end (no compensation in this domain), handed to the saga as an event. */
@Component
class ShipmentSagaType implements InspectedSagaType {

    private final EventGateway events;

    ShipmentSagaType(EventGateway events) {
        this.events = events;
    }

    @Override
    public String sagaType() {
        return ShipmentSaga.TYPE;
    }

    @Override
    public String description() {
        return "Packs a shipment, then delivers it";
    }

    @Override
    public Set<SagaAction> actions() {
        return Set.of(SagaAction.RETRY, SagaAction.END);
    }

    @Override
    public void act(SagaActionRequest request) {
        events.publish(new ShipmentActionRequested(request.key(), request.action(), request.operator(), request.reason()));
    }
}
