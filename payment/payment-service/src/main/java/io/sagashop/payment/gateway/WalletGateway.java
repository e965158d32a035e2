package io.sagashop.payment.gateway;

import java.math.BigDecimal;
import org.springframework.web.client.RestClient;

/** The wallet provider's HTTP API: decimal amounts, a result field; it also takes card tokens (guest checkout). */
class WalletGateway implements PaymentGateway {

    record Payment(BigDecimal value, String currency, String account) {
    }

    record PaymentAnswer(String paymentId, String result, String refusalReason) {
    }

    record RefundAnswer(String refundId, String result) {
    }

    private final RestClient client;

    WalletGateway(GatewayProperties.Endpoint endpoint) {
        this.client = HttpGatewaySupport.client(endpoint);
    }

    @Override
    public String name() {
        return "wallet";
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        PaymentAnswer answer = HttpGatewaySupport.call(name(), () -> client.post().uri("/wallet/v1/payments")
                .header("Idempotency-Key", request.idempotencyKey())
                .body(new Payment(request.amount(), request.currency(), request.instrument()))
                .retrieve().body(PaymentAnswer.class));
        boolean approved = "APPROVED".equals(answer.result());
        return new ChargeResult(name(), approved, answer.paymentId(), approved ? null : answer.refusalReason());
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        RefundAnswer answer = HttpGatewaySupport.call(name(), () -> client.post()
                .uri("/wallet/v1/payments/{id}/refunds", request.chargeReference())
                .header("Idempotency-Key", request.idempotencyKey())
                .retrieve().body(RefundAnswer.class));
        return new RefundResult(name(), answer.refundId());
    }
}
