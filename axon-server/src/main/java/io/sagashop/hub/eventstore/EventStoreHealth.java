package io.sagashop.hub.eventstore;

import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * DOWN when the hub cannot store events: a context's writer stopped for good (its thread kept
 * dying, or it found another writer's events), or the hub lost the schema's lock to another hub.
 * Appends are refused then (AXONIQ-2100) until the hub is restarted.
 */
@Component("eventStore")
public class EventStoreHealth implements HealthIndicator {

    private final EventStoreService eventStore;
    private final StoreLock lock;

    public EventStoreHealth(EventStoreService eventStore, StoreLock lock) {
        this.eventStore = eventStore;
        this.lock = lock;
    }

    @Override
    public Health health() {
        Map<String, String> failures = eventStore.writerFailures();
        String lost = lock.lost();
        if (failures.isEmpty() && lost == null) {
            return Health.up().build();
        }
        Health.Builder down = Health.down();
        if (lost != null) {
            down.withDetail("lock", lost);
        }
        failures.forEach((context, why) -> down.withDetail("writer." + context, why));
        return down.build();
    }
}
