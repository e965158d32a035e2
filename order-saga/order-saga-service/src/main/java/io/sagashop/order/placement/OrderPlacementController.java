package io.sagashop.order.placement;

import io.sagashop.order.api.FindOrderQuery;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.OrderStatus;
import io.sagashop.order.api.OrderView;
import io.sagashop.order.api.RequestOrderCancellation;
import io.sagashop.platform.CurrentUser;
import io.sagashop.platform.DomainError;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders} (a customer places an order; 202 with its id and a Location) and
 * {@code POST /orders/{id}/cancel} (its customer or an admin asks to cancel; 202). Another
 * customer's order is answered as unknown (404), so order ids cannot be probed.
 */
@RestController
@RequestMapping("/orders")
@Validated
class OrderPlacementController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * The answer to a placement or a cancellation request.
     *
     * @param orderId the order
     * @param status  where it stands (PLACED for a new order; CANCELLATION_REQUESTED after a cancel)
     */
    record OrderAccepted(String orderId, String status) {
    }

    /**
     * The optional body of a cancellation.
     *
     * @param reason why, free text
     */
    record CancelRequest(@Size(max = 500) String reason) {
    }

    private final OrderPlacement placement;
    private final OrderPlacements placements;
    private final CommandGateway commands;
    private final QueryGateway queries;

    OrderPlacementController(OrderPlacement placement, OrderPlacements placements, CommandGateway commands,
                             QueryGateway queries) {
        this.placement = placement;
        this.placements = placements;
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping
    ResponseEntity<OrderAccepted> place(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
            @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "must be 1 to 64 letters, digits or . _ : -")
            String idempotencyKey,
            @RequestBody @Valid PlaceOrderRequest request) {
        OrderPlacement.Outcome outcome = placement.place(CurrentUser.id(), idempotencyKey, request);
        String orderId = outcome.orderId().value();
        String status = outcome.replayed() ? currentStatus(outcome.orderId()).orElse(OrderStatus.PLACED).name()
                : OrderStatus.PLACED.name();
        return ResponseEntity.status(outcome.replayed() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .location(URI.create("/orders/" + orderId))
                .body(new OrderAccepted(orderId, status));
    }

    @PostMapping("/{orderId}/cancel")
    ResponseEntity<OrderAccepted> cancel(
            @PathVariable @Pattern(regexp = PlaceOrderRequest.ID_PATTERN, message = "is not an order id") String orderId,
            @RequestBody(required = false) @Valid CancelRequest request) {
        String owner = placements.customerOf(orderId)
                .or(() -> view(OrderId.of(orderId)).map(OrderView::customerId))
                .orElseThrow(() -> notFound(orderId));
        if (!CurrentUser.isSelfOrAdmin(owner)) {
            throw notFound(orderId);
        }
        String reason = request == null || request.reason() == null ? "" : request.reason();
        commands.sendAndWait(new RequestOrderCancellation(OrderId.of(orderId), CurrentUser.id(), reason));
        return ResponseEntity.accepted()
                .location(URI.create("/orders/" + orderId))
                .body(new OrderAccepted(orderId, "CANCELLATION_REQUESTED"));
    }

    /** Where a replayed order stands now; the answer is the order id, so a lagging or failing view must not fail it. */
    private Optional<OrderStatus> currentStatus(OrderId orderId) {
        try {
            return view(orderId).map(OrderView::status);
        } catch (RuntimeException viewNotReadable) {
            return Optional.empty();
        }
    }

    private Optional<OrderView> view(OrderId orderId) {
        return queries.query(new FindOrderQuery(orderId), ResponseTypes.optionalInstanceOf(OrderView.class)).join();
    }

    private static RuntimeException notFound(String orderId) {
        return DomainError.notFound("order-not-found", "no order " + orderId).exception();
    }
}
