package io.sagashop.order.placement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sagashop.order.api.OrderId;
import io.sagashop.order.api.PlaceOrder;
import io.sagashop.order.api.ShippingAddress;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.platform.DomainError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.IdentifierFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places an order: checks the request, prices it from the catalog, records it in
 * {@code order_placement} and sends {@link PlaceOrder}. With an Idempotency-Key the same customer
 * and key always lead to one order: the first request's row (committed before the command goes
 * out) names the order id; a retry with the same body answers that id, re-sending the command if
 * the first attempt never got as far as the aggregate; a retry with another body is refused (422).
 */
@Component
class OrderPlacement {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);

    /**
     * What a placement request ended in.
     *
     * @param orderId  the order
     * @param replayed whether it is an earlier request's order, answered again for the same key
     */
    record Outcome(OrderId orderId, boolean replayed) {
    }

    private final OrderRequestRules rules;
    private final OrderPricing pricing;
    private final OrderPlacements placements;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    OrderPlacement(OrderRequestRules rules, OrderPricing pricing, OrderPlacements placements, CommandGateway commands,
                   TransactionTemplate transactions, ObjectMapper json) {
        this.rules = rules;
        this.pricing = pricing;
        this.placements = placements;
        this.commands = commands;
        this.transactions = transactions;
        this.json = json;
    }

    Outcome place(String customerId, String idempotencyKey, PlaceOrderRequest request) {
        rules.check(request);
        String hash = fingerprint(request);
        if (idempotencyKey == null) {
            OrderId orderId = newOrderId();
            OrderPricing.PricedOrder priced = pricing.price(request);
            // Each write commits on its own (the pool's connections do not auto-commit): the row
            // exists before the command goes out, and says placed once the command was accepted.
            transactions.executeWithoutResult(status -> placements.insert(orderId.value(), customerId, hash));
            commands.sendAndWait(command(orderId, customerId, request, priced));
            transactions.executeWithoutResult(status -> placements.markPlaced(orderId.value()));
            return new Outcome(orderId, false);
        }
        // A finished earlier request answers without asking the catalog again.
        Optional<OrderPlacements.Placement> earlier = placements.findByKey(customerId, idempotencyKey);
        if (earlier.isPresent()) {
            requireSameBody(earlier.get(), hash, idempotencyKey);
            if (earlier.get().state() == OrderPlacements.State.PLACED) {
                return new Outcome(OrderId.of(earlier.get().orderId()), true);
            }
        }
        OrderPricing.PricedOrder priced = pricing.price(request);
        OrderId fresh = newOrderId();
        // Committed on its own, before the command: whatever happens next, a retry finds this id.
        transactions.executeWithoutResult(status -> placements.insertIfKeyFree(fresh.value(), customerId, idempotencyKey, hash));
        return transactions.execute(status -> {
            OrderPlacements.Placement row = placements.lockByKey(customerId, idempotencyKey);
            requireSameBody(row, hash, idempotencyKey);
            OrderId orderId = OrderId.of(row.orderId());
            boolean ours = orderId.equals(fresh);
            if (row.state() == OrderPlacements.State.SENDING) {
                sendPlaceOrder(command(orderId, customerId, request, priced), ours);
                placements.markPlaced(orderId.value());
            }
            return new Outcome(orderId, !ours);
        });
    }

    /**
     * A new order's id from Axon's identifier factory: time-ordered in the services (the
     * platform's TimeOrderedIdentifierFactory), so orders are keyed in the order they came.
     */
    private static OrderId newOrderId() {
        return OrderId.of(IdentifierFactory.getInstance().generateIdentifier());
    }

    /**
     * Sends the command. A re-send for a row an earlier attempt left unconfirmed may meet an
     * order that does exist (the attempt died after the aggregate accepted it): the aggregate
     * then refuses a second creation, which means the order is already placed.
     */
    private void sendPlaceOrder(PlaceOrder command, boolean firstAttempt) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException failure) {
            if (firstAttempt || !PlacementFailures.orderAlreadyExists(failure)) {
                throw failure;
            }
            log.info("Order {} was already placed by an earlier attempt of its Idempotency-Key", command.orderId());
        }
    }

    private static void requireSameBody(OrderPlacements.Placement row, String hash, String key) {
        if (!row.requestHash().equals(hash)) {
            throw new DomainError("idempotency-key-reused", 422,
                    "Idempotency-Key " + key + " was already used with a different request", "Idempotency-Key").exception();
        }
    }

    private static PlaceOrder command(OrderId orderId, String customerId, PlaceOrderRequest request,
                                      OrderPricing.PricedOrder priced) {
        PlaceOrderRequest.Address address = request.shippingAddress();
        PlaceOrderRequest.Payment payment = request.paymentMethod();
        return new PlaceOrder(orderId, customerId, priced.lines(), priced.currency(),
                new PaymentMethod(payment.type(), payment.token(), payment.brand(), payment.last4()),
                new ShippingAddress(address.recipient().trim(), address.street().trim(), address.postalCode().trim(),
                        address.city().trim(), address.country().toUpperCase(Locale.ROOT)));
    }

    /** SHA-256 of the body as JSON: records serialize their components in a fixed order. */
    private String fingerprint(PlaceOrderRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint an order request", e);
        }
    }
}
