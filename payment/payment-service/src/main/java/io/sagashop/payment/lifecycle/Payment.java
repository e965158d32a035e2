package io.sagashop.payment.lifecycle;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.sagashop.payment.api.CancelPayment;
import io.sagashop.payment.api.CapturePayment;
import io.sagashop.payment.api.CardNumbers;
import io.sagashop.payment.api.CompleteRefund;
import io.sagashop.payment.api.DeclinePayment;
import io.sagashop.payment.api.PaymentCaptured;
import io.sagashop.payment.api.PaymentDeclined;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentRefundRequested;
import io.sagashop.payment.api.PaymentRefunded;
import io.sagashop.payment.api.PaymentRequested;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentVoided;
import io.sagashop.payment.api.RefundPayment;
import io.sagashop.payment.api.RequestPayment;
import io.sagashop.platform.axon.AggregateNotFoundInterceptor;
import io.sagashop.platform.axon.PlatformAxonAutoConfiguration;
import java.math.BigDecimal;
import java.util.Objects;
import io.sagashop.platform.DomainError;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One payment. It never talks to a gateway itself: the charging handler reacts to its events and
 * reports the gateway's answer back as commands, so every fact here was decided by a gateway or
 * by the saga. Every command answers the resulting {@link PaymentStatus}; a command whose effect
 * already happened answers the same and applies nothing.
 */
@Aggregate(cache = PlatformAxonAutoConfiguration.AGGREGATE_CACHE)
class Payment {

    @AggregateIdentifier
    private PaymentId paymentId;
    private RequestPayment request;
    private PaymentStatus status;
    private String gateway;
    private String gatewayReference;

    protected Payment() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PaymentStatus handle(RequestPayment command) {
        if (paymentId != null) {
            if (request == null) {
                throw voidedBeforeRequest();
            }
            PaymentRules.requireSameRequest(request, command);
            return status;
        }
        PaymentRules.validate(command);
        apply(new PaymentRequested(command.paymentId(), command.orderId(), command.customerId(),
                command.amount(), command.currency(), command.method()));
        return status;
    }

    @CommandHandler
    PaymentStatus handle(CapturePayment command) {
        switch (status) {
            case REQUESTED -> capture(command);
            case VOIDED -> {
                if (request == null) {
                    throw voidedBeforeRequest();
                }
                // The saga gave up before the gateway answered; the money was taken anyway, so
                // record that truthfully and give it back at once.
                capture(command);
                requestRefund("captured after the payment was voided");
            }
            case DECLINED -> throw conflict("payment-declined", "payment " + paymentId + " was declined and cannot be captured");
            default -> { } // already captured: the same answer again
        }
        return status;
    }

    @CommandHandler
    PaymentStatus handle(DeclinePayment command) {
        switch (status) {
            case REQUESTED -> apply(new PaymentDeclined(paymentId, request.orderId(), command.gateway(), command.reason()));
            case DECLINED, VOIDED -> { } // nothing was taken either way
            default -> throw conflict("payment-not-declinable", "payment " + paymentId + " is " + status + " and cannot be declined");
        }
        return status;
    }

    /**
     * Also for a payment never requested here, when the saga names its order: the id is voided
     * for good (no request, no money), so that a {@code RequestPayment} still on its way is refused
     * and the saga, waiting for the void, can finish its compensation.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PaymentStatus handle(CancelPayment command) {
        if (paymentId == null) {
            if (command.orderId() == null) {
                throw AggregateNotFoundInterceptor.notFound(command.paymentId());
            }
            apply(new PaymentVoided(command.paymentId(), command.orderId(), command.reason()));
            return status;
        }
        switch (status) {
            case REQUESTED -> apply(new PaymentVoided(paymentId, request.orderId(), command.reason()));
            case CAPTURED -> requestRefund(command.reason());
            default -> { } // declined, voided or refunded: no money is held
        }
        return status;
    }

    @CommandHandler
    PaymentStatus handle(RefundPayment command) {
        switch (status) {
            case CAPTURED -> requestRefund(command.reason());
            case REFUND_PENDING, REFUNDED -> { }
            default -> throw conflict("payment-not-captured", "payment " + paymentId + " is " + status + ": nothing was captured to refund");
        }
        return status;
    }

    @CommandHandler
    PaymentStatus handle(CompleteRefund command) {
        switch (status) {
            case REFUND_PENDING -> apply(new PaymentRefunded(paymentId, request.orderId(), request.amount(),
                    request.currency(), command.refundReference()));
            case REFUNDED -> { }
            default -> throw conflict("no-refund-requested", "payment " + paymentId + " is " + status + ": no refund was requested");
        }
        return status;
    }

    private static RuntimeException conflict(String code, String message) {
        return DomainError.conflict(code, message).exception();
    }

    /** The answer for a payment the saga voided before any request reached it. */
    private RuntimeException voidedBeforeRequest() {
        return conflict("payment-voided", "payment " + paymentId + " was cancelled before it was requested");
    }

    private void capture(CapturePayment command) {
        apply(new PaymentCaptured(paymentId, request.orderId(), request.amount(), request.currency(),
                command.gateway(), command.gatewayReference()));
    }

    private void requestRefund(String reason) {
        apply(new PaymentRefundRequested(paymentId, request.orderId(), request.amount(), request.currency(),
                gateway, gatewayReference, reason));
    }

    @EventSourcingHandler
    void on(PaymentRequested event) {
        paymentId = event.paymentId();
        request = new RequestPayment(event.paymentId(), event.orderId(), event.customerId(), event.amount(),
                event.currency(), event.method());
        status = PaymentStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentCaptured event) {
        status = PaymentStatus.CAPTURED;
        gateway = event.gateway();
        gatewayReference = event.gatewayReference();
    }

    @EventSourcingHandler
    void on(PaymentDeclined event) {
        status = PaymentStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(PaymentVoided event) {
        paymentId = event.paymentId(); // the first event of a payment voided before it was requested
        status = PaymentStatus.VOIDED;
    }

    @EventSourcingHandler
    void on(PaymentRefundRequested event) {
        status = PaymentStatus.REFUND_PENDING;
    }

    @EventSourcingHandler
    void on(PaymentRefunded event) {
        status = PaymentStatus.REFUNDED;
    }

    /** Input rules of a payment request, kept apart so the handlers stay short. */
    static final class PaymentRules {

        private PaymentRules() {
        }

        static void validate(RequestPayment command) {
            requireText(command.orderId(), "orderId");
            requireText(command.customerId(), "customerId");
            if (command.amount() == null || command.amount().signum() <= 0) {
                throw invalid("amount", "amount must be greater than zero");
            }
            if (command.amount().stripTrailingZeros().scale() > 2) {
                throw invalid("amount", "amount must have at most two decimals");
            }
            if (command.currency() == null || !command.currency().matches("[A-Z]{3}")) {
                throw invalid("currency", "currency must be an ISO 4217 code such as EUR");
            }
            PaymentMethod method = command.method();
            if (method == null || method.type() == null) {
                throw invalid("method.type", "method.type must be CARD or WALLET");
            }
            requireText(method.token(), "method.token");
            if (CardNumbers.looksLikeCardNumber(method.token())) {
                throw cardNumberRefused();
            }
        }

        /**
         * The answer to a card number where a provider token belongs. Names the field and never
         * repeats the value.
         */
        static RuntimeException cardNumberRefused() {
            return DomainError.invalid("card-number-refused", "method.token",
                    "method.token must be the payment provider's token, never a card number: tokenize the card"
                            + " at the provider first").exception();
        }

        static void requireSameRequest(RequestPayment existing, RequestPayment command) {
            boolean same = Objects.equals(existing.orderId(), command.orderId())
                    && Objects.equals(existing.customerId(), command.customerId())
                    && sameAmount(existing.amount(), command.amount())
                    && Objects.equals(existing.currency(), command.currency())
                    && Objects.equals(existing.method(), command.method());
            if (!same) {
                throw DomainError.conflict("payment-id-reused", "paymentId", "payment " + existing.paymentId()
                        + " was already requested with different details").exception();
            }
        }

        private static boolean sameAmount(BigDecimal a, BigDecimal b) {
            return a != null && b != null && a.compareTo(b) == 0;
        }

        private static void requireText(String value, String field) {
            if (value == null || value.isBlank()) {
                throw invalid(field, field + " must not be blank");
            }
        }

        private static RuntimeException invalid(String field, String message) {
            return DomainError.invalid("invalid-payment", field, message).exception();
        }
    }
}
