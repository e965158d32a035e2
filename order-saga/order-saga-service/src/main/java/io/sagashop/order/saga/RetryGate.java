package io.sagashop.order.saga;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Lets one failed command per saga and retry generation schedule the retry deadline: when a
 * step sends three commands to a participant that is down, all three fail, and one retry (which
 * resends the whole step) is enough. Only an optimisation: after a restart the set is empty, and
 * a surplus retry deadline finds its generation stale and does nothing.
 */
@Component
class RetryGate {

    private final Set<String> claimed = ConcurrentHashMap.newKeySet();

    /** Whether the caller is the first to ask for a retry of this saga's generation. */
    boolean claim(String sagaId, long generation) {
        return claimed.add(sagaId + '#' + generation);
    }

    /** The retry of this generation fired (or the saga ended): forget it. */
    void release(String sagaId, long generation) {
        claimed.remove(sagaId + '#' + generation);
    }
}
