package io.sagashop.platform.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * The aggregates a service used lately, kept in memory between their commands: at most
 * {@code maximumSize} of them (Caffeine's policy picks which by how recently and how often each was
 * used), each until it has not been used for {@code expireAfterAccess}, and only while the heap has
 * room (soft references, which the garbage collector clears before it would run out of memory, the
 * least recently used first).
 *
 * <p>Axon's {@code WeakReferenceCache} loses an entry at the first garbage collection that finds
 * no command using it. A product, which every order of it touches, was then read again from the
 * hub: its latest snapshot (which holds every reservation it remembers, so it grows with the
 * product's sales) deserialized and the events since applied, three to four times in ten seconds at
 * 10 orders/s, none with this cache (MariaDB general logs, docs/performance.md, session 17).
 * (The hub's other aggregate reads, about one per order, are a new payment's: {@code RequestPayment}
 * creates it if missing, so it is looked up first, and no cache can say it does not exist.)
 */
public final class RecentAggregatesCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;
    private final Set<EntryListener> listeners = new CopyOnWriteArraySet<>();

    public RecentAggregatesCache(long maximumSize, Duration expireAfterAccess) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterAccess(expireAfterAccess)
                .softValues()
                // Evictions and their notifications on the thread that caused them, not the common pool.
                .executor(Runnable::run)
                .removalListener((Object key, Object value, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                    if (cause.wasEvicted()) {
                        listeners.forEach(listener -> listener.onEntryExpired(key));
                    }
                })
                .build()
                .asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.get(key);
        if (value != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        requireValue(value);
        boolean updated = entries.put(key, value) != null;
        listeners.forEach(listener -> {
            if (updated) {
                listener.onEntryUpdated(key, value);
            } else {
                listener.onEntryCreated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        requireValue(value);
        if (entries.putIfAbsent(key, value) != null) {
            return false;
        }
        listeners.forEach(listener -> listener.onEntryCreated(key, value));
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        Object existing = get(key);
        if (existing != null) {
            return (T) existing;
        }
        T created = valueSupplier.get();
        if (created == null) {
            throw new IllegalStateException("The value supplier produced no value for key [" + key + "]");
        }
        return putIfAbsent(key, created) ? created : (T) entries.getOrDefault(key, created);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, current) -> {
            V changed = update.apply((V) current);
            listeners.forEach(listener -> {
                if (changed == null) {
                    listener.onEntryRemoved(k);
                } else {
                    listener.onEntryUpdated(k, changed);
                }
            });
            return changed;
        });
    }

    @Override
    public boolean remove(Object key) {
        if (entries.remove(key) == null) {
            return false;
        }
        listeners.forEach(listener -> listener.onEntryRemoved(key));
        return true;
    }

    @Override
    public void removeAll() {
        List.copyOf(entries.keySet()).forEach(this::remove);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** How many aggregates are held now (an estimate while evictions are pending). */
    long size() {
        return entries.size();
    }

    private static void requireValue(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("A cache entry needs a value");
        }
    }
}
