package io.sagashop.order.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProcessorLagTest {

    private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");

    private final ProcessorLag lag = new ProcessorLag();

    /** Handlings every half second from {@code from} to {@code to}, each of an event {@code age} old. */
    private void busy(Instant from, Instant to, Duration age) {
        for (Instant at = from; !at.isAfter(to); at = at.plusMillis(500)) {
            lag.handled(at.minus(age), at);
        }
    }

    @Test
    void aProcessorThatHandledNothingYetIsNotBehind() {
        assertThat(lag.behind(NOW)).isZero();
    }

    @Test
    void busyWithOldEventsForAWhileItIsBehindByTheLatestOnesAge() {
        busy(NOW.minusSeconds(60), NOW.minusSeconds(1), Duration.ofSeconds(45));
        lag.handled(NOW.minusSeconds(44), NOW.minusMillis(300));
        assertThat(lag.behind(NOW)).isEqualTo(Duration.ofMillis(43_700));
    }

    @Test
    void aSingleLateEventIsNoBacklog() {
        lag.handled(NOW.minusSeconds(45), NOW.minusMillis(300));
        assertThat(lag.behind(NOW)).isZero();
    }

    @Test
    void aShortCatchUpAfterARestartIsNoBacklog() {
        busy(NOW.minus(ProcessorLag.BUSY_FOR).plusSeconds(1), NOW, Duration.ofSeconds(20));
        assertThat(lag.behind(NOW)).isZero();
    }

    @Test
    void aPauseStartsTheBusySpellAgain() {
        busy(NOW.minusSeconds(60), NOW.minusSeconds(2).minus(ProcessorLag.IDLE_AFTER), Duration.ofSeconds(45));
        busy(NOW.minusSeconds(1), NOW, Duration.ofSeconds(45));
        assertThat(lag.behind(NOW)).as("busy again for one second only").isZero();
    }

    @Test
    void aProcessorThatHandledNothingForAWhileIsIdleNotBehind() {
        busy(NOW.minusSeconds(60), NOW.minus(ProcessorLag.IDLE_AFTER).minusMillis(1), Duration.ofSeconds(45));
        assertThat(lag.behind(NOW)).isZero();
    }

    @Test
    void keepingUpItIsBehindOnlyByItsOwnFewMilliseconds() {
        busy(NOW.minusSeconds(60), NOW, Duration.ofMillis(40));
        assertThat(lag.behind(NOW)).isEqualTo(Duration.ofMillis(40));
    }

    @Test
    void anEventStampedAheadOfThisClockIsNotBehind() {
        busy(NOW.minusSeconds(60), NOW, Duration.ofMillis(-5));
        assertThat(lag.behind(NOW)).isZero();
    }
}
