package io.sagashop.payment.lifecycle;

import io.sagashop.payment.api.CancelPayment;
import io.sagashop.payment.api.CardNumbers;
import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethod;
import io.sagashop.payment.api.PaymentMethodType;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.RefundPayment;
import io.sagashop.payment.api.RequestPayment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.IdentifierFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payment commands over HTTP, for operators (admin only): the order saga sends the same commands
 * through the hub. Each answers the payment's status; the gateway's answer arrives afterwards,
 * so a fresh request answers {@code REQUESTED} and {@code GET /payments/{id}} shows the outcome.
 * The role is checked before the body is read ({@link AdminBeforeBody}): a customer learns
 * nothing about what a valid request looks like.
 */
@RestController
@RequestMapping("/payments")
@Validated
@PreAuthorize("hasRole('ADMIN')")
class PaymentCommandController {

    static final String ID_PATTERN = "[A-Za-z0-9._:-]{1,64}";

    /** A payment request; {@code paymentId} is optional and makes the request idempotent. */
    record PaymentRequest(
            @Pattern(regexp = ID_PATTERN) String paymentId,
            @NotBlank @Size(max = 64) String orderId,
            @NotBlank @Size(max = 64) String customerId,
            @NotNull @Positive @Digits(integer = 15, fraction = 2) BigDecimal amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotNull @Valid Method method) {
    }

    /**
     * How to pay: {@code CARD} with the provider's card token (never a card number), optionally
     * with the brand and last four digits the provider reported; or {@code WALLET} with a wallet id.
     */
    record Method(@NotNull PaymentMethodType type,
                  @NotBlank @Size(max = 64) String token,
                  @Pattern(regexp = "[a-z_]{1,20}", message = "must be a card brand such as visa") String brand,
                  @Pattern(regexp = "\\d{4}", message = "must be four digits") String last4) {
    }

    /** Why a payment is cancelled or refunded. */
    record Reason(@Size(max = 255) String reason) {
    }

    /** The answer: the payment and its status now. */
    record PaymentAnswer(String paymentId, PaymentStatus status) {
    }

    private final CommandGateway commands;

    PaymentCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    PaymentAnswer request(@Valid @RequestBody PaymentRequest request) {
        if (CardNumbers.looksLikeCardNumber(request.method().token())) {
            throw Payment.PaymentRules.cardNumberRefused();
        }
        PaymentId id = PaymentId.of(request.paymentId() != null ? request.paymentId()
                : IdentifierFactory.getInstance().generateIdentifier());
        Method method = request.method();
        PaymentStatus status = commands.sendAndWait(new RequestPayment(id, request.orderId(), request.customerId(),
                request.amount(), request.currency(),
                new PaymentMethod(method.type(), method.token(), method.brand(), method.last4())));
        return new PaymentAnswer(id.value(), status);
    }

    @PostMapping("/{paymentId}/cancel")
    PaymentAnswer cancel(@PathVariable @Pattern(regexp = ID_PATTERN) String paymentId,
                         @Valid @RequestBody(required = false) Reason reason) {
        PaymentStatus status = commands.sendAndWait(new CancelPayment(PaymentId.of(paymentId), text(reason, "cancelled by an operator")));
        return new PaymentAnswer(paymentId, status);
    }

    @PostMapping("/{paymentId}/refund")
    PaymentAnswer refund(@PathVariable @Pattern(regexp = ID_PATTERN) String paymentId,
                         @Valid @RequestBody(required = false) Reason reason) {
        PaymentStatus status = commands.sendAndWait(new RefundPayment(PaymentId.of(paymentId), text(reason, "refunded by an operator")));
        return new PaymentAnswer(paymentId, status);
    }

    private static String text(Reason reason, String fallback) {
        return reason == null || reason.reason() == null || reason.reason().isBlank() ? fallback : reason.reason();
    }
}
