package io.sagashop.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulated card provider, shaped like the public card APIs: amounts in minor units, a
 * declined charge answers 402 with a decline code.
 */
@RestController
@RequestMapping("/card/v1")
class CardApiController {

    /** A charge request; {@code amount} in minor units (cents), {@code card} a token from {@code POST /card/v1/tokens}. */
    record ChargeRequest(@NotNull @Positive Long amount,
                         @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
                         @NotBlank String card) {
    }

    /** A charge as the card provider reports it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChargeResponse(String id, String status, long amount, String currency, String declineCode, boolean replayed) {
    }

    /** A refund request of one charge, in full. */
    record RefundRequest(@NotBlank String charge) {
    }

    /** A refund as the card provider reports it. */
    record RefundResponse(String id, String status, String charge, long amount, String currency, boolean replayed) {
    }

    private final Ledger ledger;
    private final Simulation simulation;
    private final TokenVault vault;

    CardApiController(Ledger ledger, Simulation simulation, TokenVault vault) {
        this.ledger = ledger;
        this.simulation = simulation;
        this.vault = vault;
    }

    @PostMapping("/charges")
    ResponseEntity<ChargeResponse> charge(@RequestHeader("Idempotency-Key") String key,
                                          @Valid @RequestBody ChargeRequest request) {
        InvalidField.refuseCardNumber("card", request.card());
        TestInstruments.Resolved instrument = TestInstruments.resolve(request.card(), vault);
        Ledger.Charge charge = simulation.process(Provider.CARD, instrument.behaviour().slow(), () -> ledger.charge(
                Provider.CARD, key, request.card(), BigDecimal.valueOf(request.amount(), 2), request.currency(),
                () -> instrument));
        ChargeResponse body = new ChargeResponse(charge.reference(), charge.approved() ? "succeeded" : "failed",
                request.amount(), charge.currency(), charge.declineCode(), charge.requests() > 1);
        return ResponseEntity.status(charge.approved() ? HttpStatus.OK : HttpStatus.PAYMENT_REQUIRED).body(body);
    }

    @PostMapping("/refunds")
    RefundResponse refund(@RequestHeader("Idempotency-Key") String key, @Valid @RequestBody RefundRequest request) {
        Ledger.Refund refund = simulation.process(Provider.CARD, false,
                () -> ledger.refund(Provider.CARD, key, request.charge()));
        return new RefundResponse(refund.reference(), "succeeded", refund.chargeReference(),
                refund.amount().movePointRight(2).longValueExact(), refund.currency(), refund.requests() > 1);
    }
}
