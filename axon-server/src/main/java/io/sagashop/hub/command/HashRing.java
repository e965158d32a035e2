package io.sagashop.hub.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A consistent-hash ring: every member owns a number of points (virtual nodes) placed by hashing
 * its client id, so the ring for one set of members is the same for every command name, and a
 * key keeps its owner until that owner leaves (then only its keys move). A member's share of
 * points follows its load factor (100 is one normal share).
 *
 * @param <T> the member type
 */
final class HashRing<T> {

    /** Load factors are relative: 100 means one normal share of the ring. */
    static final int NORMAL_LOAD_FACTOR = 100;
    private static final int MAX_LOAD_FACTOR = 100 * NORMAL_LOAD_FACTOR;

    private final long[] points;
    private final Object[] owners;

    private HashRing(long[] points, Object[] owners) {
        this.points = points;
        this.owners = owners;
    }

    /**
     * @param members      the members; their ids must be unique
     * @param id           a member's stable identity (the client id)
     * @param loadFactor   a member's load factor; 0 or less counts as {@value #NORMAL_LOAD_FACTOR}
     * @param virtualNodes points per member at the normal load factor
     */
    static <T> HashRing<T> of(Collection<T> members, java.util.function.Function<T, String> id,
                              ToIntFunction<T> loadFactor, int virtualNodes) {
        record Point(long hash, String id, Object owner) { }
        List<Point> all = new ArrayList<>();
        for (T member : members) {
            String memberId = id.apply(member);
            int factor = loadFactor.applyAsInt(member);
            factor = factor <= 0 ? NORMAL_LOAD_FACTOR : Math.min(factor, MAX_LOAD_FACTOR);
            long count = Math.max(1, Math.round((double) virtualNodes * factor / NORMAL_LOAD_FACTOR));
            for (int i = 0; i < count; i++) {
                all.add(new Point(hash(memberId + '#' + i), memberId, member));
            }
        }
        // Ties (astronomically rare) are broken by id so every ring orders them alike.
        all.sort(Comparator.comparingLong(Point::hash).thenComparing(Point::id));
        long[] points = new long[all.size()];
        Object[] owners = new Object[all.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = all.get(i).hash();
            owners[i] = all.get(i).owner();
        }
        return new HashRing<>(points, owners);
    }

    boolean isEmpty() {
        return points.length == 0;
    }

    /** The owner of the first point at or after the key's hash (wrapping around); null when empty. */
    @SuppressWarnings("unchecked")
    T select(CharSequence key) {
        if (points.length == 0) {
            return null;
        }
        int index = Arrays.binarySearch(points, hash(key));
        if (index < 0) {
            index = -index - 1;
            if (index == points.length) {
                index = 0;
            }
        }
        return (T) owners[index];
    }

    /**
     * A 64-bit hash of the characters: a multiply-xorshift step per character and the MurmurHash3
     * finaliser, so similar keys ("order-1", "order-2") land far apart. No allocation.
     */
    static long hash(CharSequence key) {
        long h = 0x9E3779B97F4A7C15L ^ key.length();
        for (int i = 0, n = key.length(); i < n; i++) {
            h ^= key.charAt(i);
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
