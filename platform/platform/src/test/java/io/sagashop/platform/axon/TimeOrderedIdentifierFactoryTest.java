package io.sagashop.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonFindsItThroughTheServiceLoader() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
        UUID id = UUID.fromString(IdentifierFactory.getInstance().generateIdentifier());
        assertThat(id.version()).isEqualTo(7);
    }

    @Test
    void carriesTheMillisecondVersionSevenAndTheRfcVariant() {
        long at = 1_796_428_800_123L; // 2026-12-05T00:00:00.123Z
        UUID id = new TimeOrderedIdentifierFactory(() -> at).next();

        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsText() {
        // Steps that carry over hex digits of the timestamp, where a wrong shift or mask shows.
        AtomicLong clock = new AtomicLong(0x0FFF_FFFF_FFF0L);
        TimeOrderedIdentifierFactory ids = new TimeOrderedIdentifierFactory(clock::get);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            made.add(ids.generateIdentifier());
            clock.addAndGet(1 + i * 7L);
        }

        assertThat(made).isSortedAccordingTo(String::compareTo);
    }

    @Test
    void idsOfOneMillisecondDifferInTheirRandomBits() {
        TimeOrderedIdentifierFactory ids = new TimeOrderedIdentifierFactory(() -> 1_796_428_800_000L);
        Set<String> made = new HashSet<>();
        Set<String> timestamps = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = ids.generateIdentifier();
            made.add(id);
            timestamps.add(id.substring(0, 13));
        }

        assertThat(made).hasSize(100_000);
        String millisHex = String.format("%012x", 1_796_428_800_000L);
        assertThat(timestamps).containsExactly(millisHex.substring(0, 8) + "-" + millisHex.substring(8));
    }
}
