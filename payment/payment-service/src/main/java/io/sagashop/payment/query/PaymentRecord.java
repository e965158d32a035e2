package io.sagashop.payment.query;

import io.sagashop.payment.api.PaymentId;
import io.sagashop.payment.api.PaymentMethodType;
import io.sagashop.payment.api.PaymentStatus;
import io.sagashop.payment.api.PaymentView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One row of table {@code payment}: a payment as the query side knows it. */
@Entity
@Table(name = "payment")
class PaymentRecord {

    @Id
    @Column(name = "payment_id")
    private String paymentId;
    private String orderId;
    private String customerId;
    private BigDecimal amount;
    private String currency;
    @Enumerated(EnumType.STRING)
    private PaymentMethodType methodType;
    @Enumerated(EnumType.STRING)
    private PaymentStatus status;
    private BigDecimal capturedAmount;
    private BigDecimal refundedAmount;
    private String gateway;
    private String gatewayReference;
    private String declineReason;
    private Instant requestedAt;
    private Instant updatedAt;

    protected PaymentRecord() {
    }

    PaymentRecord(String paymentId, String orderId, String customerId, BigDecimal amount, String currency,
                  PaymentMethodType methodType, Instant requestedAt) {
        this.paymentId = paymentId;
        this.orderId = orderId;
        this.customerId = customerId;
        this.amount = amount;
        this.currency = currency;
        this.methodType = methodType;
        this.status = PaymentStatus.REQUESTED;
        this.capturedAmount = BigDecimal.ZERO;
        this.refundedAmount = BigDecimal.ZERO;
        this.requestedAt = requestedAt;
        this.updatedAt = requestedAt;
    }

    void captured(BigDecimal captured, String gateway, String reference, Instant at) {
        this.status = PaymentStatus.CAPTURED;
        this.capturedAmount = captured;
        this.gateway = gateway;
        this.gatewayReference = reference;
        this.updatedAt = at;
    }

    void declined(String gateway, String reason, Instant at) {
        this.status = PaymentStatus.DECLINED;
        this.gateway = gateway;
        this.declineReason = reason;
        this.updatedAt = at;
    }

    void moved(PaymentStatus status, Instant at) {
        this.status = status;
        this.updatedAt = at;
    }

    void refunded(BigDecimal refunded, Instant at) {
        this.status = PaymentStatus.REFUNDED;
        this.refundedAmount = refunded;
        this.updatedAt = at;
    }

    String customerId() {
        return customerId;
    }

    PaymentView view() {
        return new PaymentView(PaymentId.of(paymentId), orderId, customerId, amount, currency, methodType, status,
                capturedAmount, refundedAmount, gateway, gatewayReference, declineReason, requestedAt, updatedAt);
    }
}
