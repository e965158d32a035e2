package io.sagashop.inspection.toy;

import io.sagashop.inspection.api.SagaAction;

/** The toy domain's messages: a shipment is packed, then delivered. Nothing of the shop. */
public final class Shipping {

    private Shipping() {
    }

    /** Starts a shipment saga. */
    public record ShipmentRequested(String shipmentId) {
    }

    public record PackShipment(String shipmentId) {
    }

    public record ShipmentPacked(String shipmentId) {
    }

    public record DeliverShipment(String shipmentId) {
    }

    public record ShipmentDelivered(String shipmentId) {
    }

    /** An operator's action, published by {@link ShipmentSagaType} for the saga to handle in its own unit of work. */
    public record ShipmentActionRequested(String shipmentId, SagaAction action, String operator, String reason) {
    }

    /** The step deadline's payload. */
    public record StepDue(String step) {
    }
}
