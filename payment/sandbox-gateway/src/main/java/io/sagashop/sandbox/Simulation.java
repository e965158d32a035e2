package io.sagashop.sandbox;

import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Wraps the processing of one provider request in the configured faults: an outage answers 503
 * before anything is processed; latency (and the slow instruments' delay) comes after
 * processing, so a client that times out cannot tell whether its request was processed.
 */
@Component
class Simulation {

    private final Faults faults;

    Simulation(Faults faults) {
        this.faults = faults;
    }

    <T> T process(Provider provider, boolean slow, Supplier<T> work) {
        if (faults.outage(provider)) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "simulated outage of the " + provider.name().toLowerCase() + " provider; the request was not processed");
        }
        T result = work.get();
        pause(faults.latencyMillis(provider) + (slow || faults.slowNow(provider) ? faults.slowMillis() : 0));
        return result;
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
