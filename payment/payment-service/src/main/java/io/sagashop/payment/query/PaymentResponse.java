package io.sagashop.payment.query;

import io.sagashop.payment.api.PaymentMethodType;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentView;
import java.math.BigDecimal;
import java.time.Instant;

/** A payment as the HTTP API shows it: the view with plain-string ids and the net amount. */
record PaymentResponse(
        String paymentId,
        String orderId,
        String customerId,
        BigDecimal amount,
        String currency,
        PaymentMethodType methodType,
        PaymentStatus status,
        BigDecimal capturedAmount,
        BigDecimal refundedAmount,
        BigDecimal netAmount,
        String gateway,
        String gatewayReference,
        String declineReason,
        Instant requestedAt,
        Instant updatedAt) {

    static PaymentResponse of(PaymentView view) {
        return new PaymentResponse(view.paymentId().value(), view.orderId(), view.customerId(), view.amount(),
                view.currency(), view.methodType(), view.status(), view.capturedAmount(), view.refundedAmount(),
                view.netAmount(), view.gateway(), view.gatewayReference(), view.declineReason(), view.requestedAt(),
                view.updatedAt());
    }
}
