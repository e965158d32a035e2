package io.sagashop.payment.gateway;

import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentMethodType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the gateway for a payment and fails over. The rule: a method's gateways (configured per
 * method, e.g. card → card, wallet; wallet → wallet) are tried in order, and the next one only
 * when the previous one certainly did not process the charge (connection refused, 503, circuit
 * open). A timeout is not such a case: the provider may have charged, so the call is retried on
 * the same gateway only. Once any gateway may have been reached, the journal pins the payment to
 * it, across restarts.
 */
public class GatewayRouter {

    private static final Logger log = LoggerFactory.getLogger(GatewayRouter.class);

    private final Map<String, PaymentGateway> gateways;
    private final Map<PaymentMethodType, List<String>> routes;
    private final ChargeJournal journal;

    public GatewayRouter(List<PaymentGateway> gateways, Map<PaymentMethodType, List<String>> routes, ChargeJournal journal) {
        this.gateways = gateways.stream().collect(java.util.stream.Collectors.toMap(PaymentGateway::name, g -> g));
        this.routes = Map.copyOf(routes);
        this.journal = journal;
        routes.values().stream().flatMap(List::stream).filter(name -> !this.gateways.containsKey(name)).findAny()
                .ifPresent(name -> {
                    throw new IllegalArgumentException("route names unknown gateway " + name);
                });
    }

    /** Charges a payment; the idempotency key is the payment id. */
    public PaymentGateway.ChargeResult charge(String paymentId, BigDecimal amount, String currency, PaymentMethod method) {
        PaymentGateway.ChargeRequest request = new PaymentGateway.ChargeRequest(paymentId, amount, currency, method.token());
        GatewayNotReachedException last = null;
        for (String name : routes.getOrDefault(method.type(), List.of())) {
            Optional<String> pinned = journal.attemptingUnlessPinned(paymentId, ChargeJournal.Operation.CHARGE, name);
            if (pinned.isPresent()) {
                // An earlier attempt may have charged there: that gateway only, with the same key, never a failover.
                return gateway(pinned.get()).charge(request);
            }
            try {
                return gateway(name).charge(request);
            } catch (GatewayNotReachedException e) {
                journal.notReached(paymentId, ChargeJournal.Operation.CHARGE, name);
                log.warn("payment {}: {}; trying the next gateway for {} if any", paymentId, e.getMessage(), method.type());
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
        // No route for the method (any more): a payment already pinned still goes back to its gateway.
        return journal.gatewayFor(paymentId, ChargeJournal.Operation.CHARGE).map(name -> gateway(name).charge(request))
                .orElseThrow(() -> new IllegalStateException("no gateway is routed for " + method.type()));
    }

    /** Refunds a charge through the gateway that made it; the idempotency key is the payment id. */
    public PaymentGateway.RefundResult refund(String paymentId, String gateway, String chargeReference) {
        return gateway(gateway).refund(new PaymentGateway.RefundRequest(paymentId, chargeReference));
    }

    private PaymentGateway gateway(String name) {
        PaymentGateway gateway = gateways.get(name);
        if (gateway == null) {
            throw new IllegalStateException("no gateway named " + name);
        }
        return gateway;
    }
}
