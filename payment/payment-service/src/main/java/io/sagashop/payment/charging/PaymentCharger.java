package io.sagashop.payment.charging;

import io.sagashop.payment.api.CapturePayment;
import io.sagashop.payment.api.CompleteRefund;
import io.sagashop.payment.api.DeclinePayment;
import io.sagashop.payment.api.PaymentRefundRequested;
import io.sagashop.payment.api.PaymentRequested;
import io.sagashop.payment.gateway.GatewayRouter;
import io.sagashop.payment.gateway.PaymentGateway;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Charges requested payments and refunds refund requests through the gateways, then tells the
 * aggregate the answer. The payment id is the idempotency key of both calls, so when this
 * handler runs again for the same event (a crash between the call and the answer, a retry after
 * a gateway failure), the gateway answers the first result again and charges nothing new.
 *
 * <p>It waits for each command's result on purpose: the processor may advance its token only
 * once the answer is recorded. A failure propagates, and the processor retries the event later.
 */
@Component
@ProcessingGroup("payment-gateway")
class PaymentCharger {

    private static final Logger log = LoggerFactory.getLogger(PaymentCharger.class);

    private final GatewayRouter router;
    private final CommandGateway commands;
    private final GatewayCallListener listener;

    PaymentCharger(GatewayRouter router, CommandGateway commands, ObjectProvider<GatewayCallListener> listener) {
        this.router = router;
        this.commands = commands;
        this.listener = listener.getIfAvailable(() -> GatewayCallListener.NONE);
    }

    @EventHandler
    void on(PaymentRequested event) {
        PaymentGateway.ChargeResult result = router.charge(event.paymentId().value(), event.amount(), event.currency(),
                event.method());
        listener.answered(event.paymentId(), "charge");
        if (result.approved()) {
            commands.sendAndWait(new CapturePayment(event.paymentId(), result.gateway(), result.reference()));
        } else {
            log.info("payment {} declined by {}: {}", event.paymentId(), result.gateway(), result.declineCode());
            commands.sendAndWait(new DeclinePayment(event.paymentId(), result.gateway(), result.declineCode()));
        }
    }

    @EventHandler
    void on(PaymentRefundRequested event) {
        PaymentGateway.RefundResult result = router.refund(event.paymentId().value(), event.gateway(),
                event.gatewayReference());
        listener.answered(event.paymentId(), "refund");
        commands.sendAndWait(new CompleteRefund(event.paymentId(), result.reference()));
    }
}
