package io.sagashop.payment.gateway;

/**
 * A gateway call that the provider certainly did not process: the connection was refused, the
 * provider answered 503, or its circuit breaker is open. Only then may another gateway be tried.
 */
public class GatewayNotReachedException extends GatewayException {

    public GatewayNotReachedException(String message, Throwable cause) {
        super(message, cause);
    }
}
