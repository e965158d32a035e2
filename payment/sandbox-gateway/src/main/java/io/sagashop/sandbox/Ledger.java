package io.sagashop.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every charge and refund the sandbox processed, by provider and idempotency key. The first
 * request with a key decides the outcome; later ones with the same key get the same record back
 * (and count as a replay), so one key is at most one charge.
 */
@Component
class Ledger {

    /**
     * One processed charge. {@code instrument} is the token or wallet id charged, {@code label}
     * what it is (a card's brand and last four digits, or the wallet id); {@code requests} counts
     * how often the key was sent.
     */
    record Charge(Provider provider, String idempotencyKey, String reference, String instrument, String label,
                  BigDecimal amount, String currency, String outcome, String declineCode, Instant createdAt,
                  int requests) {

        boolean approved() {
            return "approved".equals(outcome);
        }
    }

    /** One processed refund of a charge. */
    record Refund(Provider provider, String idempotencyKey, String reference, String chargeReference,
                  BigDecimal amount, String currency, Instant createdAt, int requests) {
    }

    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Charge> charges = new ConcurrentHashMap<>();
    private final Map<String, Refund> refunds = new ConcurrentHashMap<>();

    Charge charge(Provider provider, String key, String instrument, BigDecimal amount, String currency,
                  Supplier<TestInstruments.Resolved> resolved) {
        return charges.compute(provider + ":" + key, (k, existing) -> {
            if (existing != null) {
                if (existing.amount().compareTo(amount) != 0 || !existing.currency().equals(currency)
                        || !existing.instrument().equals(instrument)) {
                    throw new ResponseStatusException(HttpStatus.CONFLICT,
                            "idempotency key " + key + " was used for a different charge");
                }
                return new Charge(existing.provider(), key, existing.reference(), existing.instrument(), existing.label(),
                        existing.amount(),
                        existing.currency(), existing.outcome(), existing.declineCode(), existing.createdAt(),
                        existing.requests() + 1);
            }
            TestInstruments.Resolved r = resolved.get();
            TestInstruments.Behaviour b = r.behaviour();
            return new Charge(provider, key, provider.chargePrefix() + sequence.incrementAndGet(), instrument, r.label(),
                    amount, currency, b.approved() ? "approved" : "declined", b.declineCode(), Instant.now(), 1);
        });
    }

    Refund refund(Provider provider, String key, String chargeReference) {
        Charge charge = charges.values().stream()
                .filter(c -> c.provider() == provider && c.reference().equals(chargeReference))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no charge " + chargeReference));
        if (!charge.approved()) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
                    "charge " + chargeReference + " was declined; there is nothing to refund");
        }
        return refunds.compute(provider + ":" + key, (k, existing) -> {
            if (existing != null) {
                if (!existing.chargeReference().equals(chargeReference)) {
                    throw new ResponseStatusException(HttpStatus.CONFLICT,
                            "idempotency key " + key + " was used for a different refund");
                }
                return new Refund(provider, key, existing.reference(), chargeReference, existing.amount(),
                        existing.currency(), existing.createdAt(), existing.requests() + 1);
            }
            boolean alreadyRefunded = refunds.values().stream().anyMatch(r -> r.chargeReference().equals(chargeReference));
            if (alreadyRefunded) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "charge " + chargeReference + " was already refunded");
            }
            return new Refund(provider, key, provider.refundPrefix() + sequence.incrementAndGet(), chargeReference,
                    charge.amount(), charge.currency(), Instant.now(), 1);
        });
    }

    List<Charge> charges(Provider provider, String key) {
        return select(charges.values(), provider, key, Charge::provider, Charge::idempotencyKey, Charge::createdAt);
    }

    List<Refund> refunds(Provider provider, String key) {
        return select(refunds.values(), provider, key, Refund::provider, Refund::idempotencyKey, Refund::createdAt);
    }

    void clear() {
        charges.clear();
        refunds.clear();
    }

    private static <T> List<T> select(Iterable<T> all, Provider provider, String key,
                                      java.util.function.Function<T, Provider> providerOf,
                                      java.util.function.Function<T, String> keyOf,
                                      java.util.function.Function<T, Instant> timeOf) {
        List<T> result = new ArrayList<>();
        for (T item : all) {
            if ((provider == null || providerOf.apply(item) == provider)
                    && (key == null || Objects.equals(keyOf.apply(item), key))) {
                result.add(item);
            }
        }
        result.sort(Comparator.comparing(timeOf));
        return result;
    }
}
