package io.sagashop.payment.gateway;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

/** The card provider's HTTP API: amounts in minor units, a decline answered with 402 and a code. */
class CardGateway implements PaymentGateway {

    record Charge(long amount, String currency, String card) {
    }

    record ChargeAnswer(String id, String status, String declineCode) {
    }

    record Refund(String charge) {
    }

    record RefundAnswer(String id, String status) {
    }

    private final RestClient client;

    CardGateway(GatewayProperties.Endpoint endpoint) {
        this.client = HttpGatewaySupport.client(endpoint);
    }

    @Override
    public String name() {
        return "card";
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        long minorUnits = request.amount().setScale(2, java.math.RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
        ChargeAnswer answer = HttpGatewaySupport.call(name(), () -> client.post().uri("/card/v1/charges")
                .header("Idempotency-Key", request.idempotencyKey())
                .body(new Charge(minorUnits, request.currency(), request.instrument()))
                .exchange((req, res) -> {
                    if (res.getStatusCode().value() == HttpStatus.PAYMENT_REQUIRED.value()
                            || res.getStatusCode().is2xxSuccessful()) {
                        return res.bodyTo(ChargeAnswer.class);
                    }
                    throw new org.springframework.web.client.HttpServerErrorException(res.getStatusCode(),
                            res.getStatusText());
                }));
        boolean approved = "succeeded".equals(answer.status());
        return new ChargeResult(name(), approved, answer.id(), approved ? null : answer.declineCode());
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        RefundAnswer answer = HttpGatewaySupport.call(name(), () -> client.post().uri("/card/v1/refunds")
                .header("Idempotency-Key", request.idempotencyKey())
                .body(new Refund(request.chargeReference()))
                .retrieve().body(RefundAnswer.class));
        return new RefundResult(name(), answer.id());
    }
}
