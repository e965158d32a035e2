package io.sagashop.sandbox;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Lets tests and people see what the sandbox charged and refunded, e.g. to count charges per key. */
@RestController
@RequestMapping("/ledger")
class LedgerController {

    private final Ledger ledger;

    LedgerController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/charges")
    List<Ledger.Charge> charges(@RequestParam(required = false) Provider provider,
                                @RequestParam(required = false) String idempotencyKey) {
        return ledger.charges(provider, idempotencyKey);
    }

    @GetMapping("/refunds")
    List<Ledger.Refund> refunds(@RequestParam(required = false) Provider provider,
                                @RequestParam(required = false) String idempotencyKey) {
        return ledger.refunds(provider, idempotencyKey);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear() {
        ledger.clear();
    }
}
