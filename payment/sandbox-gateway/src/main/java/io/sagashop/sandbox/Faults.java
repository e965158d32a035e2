package io.sagashop.sandbox;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/** The faults in force per provider; starts from {@link SandboxProperties}. */
@Component
class Faults {

    private final SandboxProperties properties;
    private final Map<Provider, FaultSettings> settings = new EnumMap<>(Provider.class);

    Faults(SandboxProperties properties) {
        this.properties = properties;
        reset();
    }

    synchronized void reset() {
        for (Provider provider : Provider.values()) {
            settings.put(provider, new FaultSettings(properties.latency().toMillis(), properties.failureRate(), false, 0, 0));
        }
    }

    synchronized Map<Provider, FaultSettings> all() {
        return Map.copyOf(settings);
    }

    synchronized void set(Provider provider, FaultSettings faults) {
        settings.put(provider, faults);
    }

    /** Whether this request is to fail as a simulated outage; counts down {@code failNext}. */
    synchronized boolean outage(Provider provider) {
        FaultSettings current = settings.get(provider);
        if (current.failNext() > 0) {
            settings.put(provider, current.withFailNext(current.failNext() - 1));
            return true;
        }
        return current.down() || ThreadLocalRandom.current().nextDouble() < current.failureRate();
    }

    synchronized long latencyMillis(Provider provider) {
        return settings.get(provider).latencyMillis();
    }

    /** Whether this request is one of the {@code slowNext}; counts it down. */
    synchronized boolean slowNow(Provider provider) {
        FaultSettings current = settings.get(provider);
        if (current.slowNext() > 0) {
            settings.put(provider, current.withSlowNext(current.slowNext() - 1));
            return true;
        }
        return false;
    }

    long slowMillis() {
        return properties.slowResponse().toMillis();
    }
}
