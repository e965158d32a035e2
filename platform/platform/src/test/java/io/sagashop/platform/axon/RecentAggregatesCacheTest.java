package io.sagashop.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class RecentAggregatesCacheTest {

    private final RecentAggregatesCache cache = new RecentAggregatesCache(100, Duration.ofMinutes(10));

    /** Axon's WeakReferenceCache loses this entry at the collection; an aggregate was then read again from the hub. */
    @Test
    void anEntryOutlivesAGarbageCollection() {
        cache.put("order-1", new StringBuilder("an aggregate"));

        System.gc();

        assertThat(cache.<String, StringBuilder>get("order-1")).hasToString("an aggregate");
        assertThat(cache.containsKey("order-1")).isTrue();
    }

    @Test
    void itHoldsAtMostItsMaximumSize() {
        for (int i = 0; i < 1_000; i++) {
            cache.put("order-" + i, "aggregate " + i);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(100);
        assertThat(cache.<String, String>get("order-999")).as("the one used last").isEqualTo("aggregate 999");
    }

    @Test
    void anEntryIdleForLongerThanItsTimeIsGone() throws InterruptedException {
        RecentAggregatesCache shortLived = new RecentAggregatesCache(100, Duration.ofMillis(50));
        shortLived.put("order-1", "aggregate");

        Thread.sleep(200);

        assertThat(shortLived.<String, String>get("order-1")).isNull();
    }

    @Test
    void putAndRemoveAnswerWhatTheyChanged() {
        assertThat(cache.putIfAbsent("order-1", "first")).isTrue();
        assertThat(cache.putIfAbsent("order-1", "second")).isFalse();
        assertThat(cache.<String, String>get("order-1")).isEqualTo("first");
        assertThat(cache.<String>computeIfAbsent("order-1", () -> "third")).isEqualTo("first");
        assertThat(cache.<String>computeIfAbsent("order-2", () -> "made")).isEqualTo("made");

        cache.<String>computeIfPresent("order-1", value -> value + " changed");
        assertThat(cache.<String, String>get("order-1")).isEqualTo("first changed");
        cache.<String>computeIfPresent("order-1", value -> null);
        assertThat(cache.containsKey("order-1")).isFalse();

        assertThat(cache.remove("order-2")).isTrue();
        assertThat(cache.remove("order-2")).isFalse();
        cache.put("order-3", "x");
        cache.put("order-4", "y");
        cache.removeAll();
        assertThat(cache.containsKey("order-3") || cache.containsKey("order-4")).isFalse();
    }

    @Test
    void listenersHearEveryChangeUntilTheyAreCancelled() {
        List<String> heard = new ArrayList<>();
        Registration registration = cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                heard.add("updated " + key);
            }

            @Override
            public void onEntryRead(Object key, Object value) {
                heard.add("read " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }
        });

        cache.put("order-1", "a");
        cache.put("order-1", "b");
        cache.get("order-1");
        cache.get("order-9");
        cache.remove("order-1");
        registration.cancel();
        cache.put("order-2", "c");

        assertThat(heard).containsExactly("created order-1", "updated order-1", "read order-1", "removed order-1");
    }

    @Test
    void aNullValueIsRefused() {
        assertThatThrownBy(() -> cache.put("order-1", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.computeIfAbsent("order-1", () -> null)).isInstanceOf(IllegalStateException.class);
    }
}
