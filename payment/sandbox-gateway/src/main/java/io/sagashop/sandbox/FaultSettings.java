package io.sagashop.sandbox;

/**
 * Faults of one provider, as set through {@code PUT /admin/faults/{provider}}.
 *
 * @param latencyMillis delay added to every answer (after the request was processed, so a client
 *                      that times out does not know whether it was charged)
 * @param failureRate   share of requests (0..1) answered 503 before they are processed
 * @param down          every request answered 503 before it is processed
 * @param failNext      the next this many requests are answered 503 before they are processed
 * @param slowNext      the next this many requests are processed, then answered only after the
 *                      slow-response delay (a timeout that a retry gets past)
 */
public record FaultSettings(long latencyMillis, double failureRate, boolean down, int failNext, int slowNext) {

    FaultSettings withFailNext(int n) {
        return new FaultSettings(latencyMillis, failureRate, down, n, slowNext);
    }

    FaultSettings withSlowNext(int n) {
        return new FaultSettings(latencyMillis, failureRate, down, failNext, n);
    }
}
