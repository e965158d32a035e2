package io.sagashop.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated wallet provider, shaped differently from the card one on purpose: decimal
 * amounts, a result field instead of status codes. Its {@code account} is a wallet id, or a card
 * token from {@code POST /card/v1/tokens} (guest checkout), which is why card payments may fail
 * over to it.
 */
@RestController
@RequestMapping("/wallet/v1")
class WalletApiController {

    /** A payment request from a wallet (or a card, as guest checkout). */
    record PaymentRequest(@NotNull @Positive BigDecimal value,
                          @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
                          @NotBlank String account) {
    }

    /** A payment as the wallet provider reports it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PaymentResponse(String paymentId, String result, BigDecimal value, String currency, String refusalReason,
                           boolean replayed) {
    }

    /** A refund as the wallet provider reports it. */
    record RefundResponse(String refundId, String result, String paymentId, BigDecimal value, boolean replayed) {
    }

    private final Ledger ledger;
    private final Simulation simulation;
    private final TokenVault vault;

    WalletApiController(Ledger ledger, Simulation simulation, TokenVault vault) {
        this.ledger = ledger;
        this.simulation = simulation;
        this.vault = vault;
    }

    @PostMapping("/payments")
    PaymentResponse pay(@RequestHeader("Idempotency-Key") String key, @Valid @RequestBody PaymentRequest request) {
        InvalidField.refuseCardNumber("account", request.account());
        TestInstruments.Resolved instrument = TestInstruments.resolve(request.account(), vault);
        Ledger.Charge charge = simulation.process(Provider.WALLET, instrument.behaviour().slow(), () -> ledger.charge(
                Provider.WALLET, key, request.account(), request.value(), request.currency(), () -> instrument));
        return new PaymentResponse(charge.reference(), charge.approved() ? "APPROVED" : "REFUSED", charge.amount(),
                charge.currency(), charge.declineCode(), charge.requests() > 1);
    }

    @PostMapping("/payments/{paymentId}/refunds")
    RefundResponse refund(@RequestHeader("Idempotency-Key") String key, @PathVariable String paymentId) {
        Ledger.Refund refund = simulation.process(Provider.WALLET, false,
                () -> ledger.refund(Provider.WALLET, key, paymentId));
        return new RefundResponse(refund.reference(), "REFUNDED", paymentId, refund.amount(), refund.requests() > 1);
    }
}
