package io.sagashop.payment.gateway;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.util.function.Supplier;

/**
 * A gateway wrapped in Resilience4j: each attempt passes its circuit breaker, failed attempts are
 * retried with backoff (same idempotency key), and an open circuit is reported as "not reached"
 * at once, without waiting for a timeout, so the router can fail over.
 */
class ResilientGateway implements PaymentGateway {

    private final PaymentGateway delegate;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    ResilientGateway(PaymentGateway delegate, CircuitBreaker circuitBreaker, Retry retry) {
        this.delegate = delegate;
        this.circuitBreaker = circuitBreaker;
        this.retry = retry;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        return guarded(() -> delegate.charge(request));
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        return guarded(() -> delegate.refund(request));
    }

    CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    private <T> T guarded(Supplier<T> call) {
        Supplier<T> decorated = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, call));
        try {
            return decorated.get();
        } catch (CallNotPermittedException e) {
            throw new GatewayNotReachedException(name() + " gateway circuit is open", e);
        }
    }
}
