package io.sagashop.payment.gateway;

/**
 * A gateway call failed without an answer; the provider may have processed it (e.g. the answer
 * timed out), so only the same gateway may be asked again, with the same idempotency key.
 */
public class GatewayException extends RuntimeException {

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
