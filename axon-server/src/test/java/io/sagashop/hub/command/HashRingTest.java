package io.sagashop.hub.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HashRingTest {

    record Member(String id, int loadFactor) { }

    private static HashRing<Member> ring(Member... members) {
        return HashRing.of(List.of(members), Member::id, Member::loadFactor, 100);
    }

    private static final List<String> KEYS = IntStream.range(0, 10_000).mapToObj(i -> "order-" + i).toList();

    private static Map<String, String> owners(HashRing<Member> ring) {
        Map<String, String> owners = new HashMap<>();
        KEYS.forEach(k -> owners.put(k, ring.select(k).id()));
        return owners;
    }

    @Test
    void mapsAKeyToTheSameMemberWhateverOrderTheMembersCameIn() {
        Map<String, String> one = owners(ring(new Member("a", 100), new Member("b", 100), new Member("c", 100)));
        Map<String, String> other = owners(ring(new Member("c", 100), new Member("a", 100), new Member("b", 100)));

        assertThat(one).isEqualTo(other);
    }

    @Test
    void movesOnlyTheKeysOfAMemberThatLeaves() {
        Map<String, String> before = owners(ring(new Member("a", 100), new Member("b", 100), new Member("c", 100)));
        Map<String, String> after = owners(ring(new Member("a", 100), new Member("c", 100)));

        KEYS.forEach(k -> {
            if (!before.get(k).equals("b")) {
                assertThat(after.get(k)).isEqualTo(before.get(k));
            }
        });
        assertThat(after.values()).doesNotContain("b");
    }

    @Test
    void spreadsKeysEvenlyAndByLoadFactor() {
        Map<String, Long> even = share(ring(new Member("a", 100), new Member("b", 100), new Member("c", 100)));
        even.values().forEach(n -> assertThat(n).isBetween(2_500L, 4_200L));

        Map<String, Long> weighted = share(ring(new Member("a", 300), new Member("b", 100)));
        assertThat(weighted.get("a")).isBetween(6_500L, 8_500L);
    }

    @Test
    void treatsAMissingLoadFactorAsNormal() {
        Map<String, Long> share = share(ring(new Member("a", 0), new Member("b", 100)));

        assertThat(share.get("a")).isBetween(3_500L, 6_500L);
    }

    @Test
    void selectsNothingFromAnEmptyRing() {
        assertThat(ring().select("anything")).isNull();
    }

    private static Map<String, Long> share(HashRing<Member> ring) {
        return KEYS.stream().collect(Collectors.groupingBy(k -> ring.select(k).id(), Collectors.counting()));
    }
}
